package policyweb_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
)

const deadlineForm = "main form.admin-deadline-form"

// deadline reads a municipality's stored trip report deadline.
func deadline(t *testing.T, f fixture, slug string) int {
	t.Helper()
	return servertest.Scalar[int](t, f.Pool, `SELECT report_deadline_days FROM municipality WHERE slug = $1`, slug)
}

func TestReportDeadline(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ballerup := servertest.Scalar[int64](t, f.Pool, `SELECT id FROM municipality WHERE slug = 'ballerup'`)

	doc := f.Get(t, "/staff/policy", http.StatusOK)
	if got := doc.Find(deadlineForm+" #report_deadline_days").AttrOr("value", ""); got != "30" {
		t.Fatalf("deadline shown as %q", got)
	}
	if doc.Find(`main .admin-links a[href="#report-deadline"]`).Length() != 1 || doc.Find("#report-deadline h2").Length() != 1 {
		t.Error("no link to the deadline section")
	}
	if doc.Find(deadlineForm+` input[name="csrf"]`).AttrOr("value", "") == "" {
		t.Error("the form carries no token")
	}
	if servertest.FormValues(doc, deadlineForm).Get("state") == "" {
		t.Error("the form has no state")
	}

	t.Run("mistakes come back with the input kept", func(t *testing.T) {
		for _, tc := range []struct{ name, value, message string }{
			{"zero", "0", "whole number from 1 to 365"},
			{"too many", "400", "whole number from 1 to 365"},
			{"not a number", "abc", "whole number from 1 to 365"},
			{"a fraction", "14.5", "whole number from 1 to 365"},
			{"empty", "", "Enter the number of days"},
			{"blank", "  ", "Enter the number of days"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				bad := servertest.FormValues(doc, deadlineForm)
				bad.Set("report_deadline_days", tc.value)
				res, page := f.Post(t, "/staff/policy/report-deadline", bad)
				if res.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d", res.StatusCode)
				}
				input := page.Find(deadlineForm + " #report_deadline_days")
				if got := input.AttrOr("value", "-"); got != tc.value {
					t.Errorf("input not kept: %q", got)
				}
				if input.AttrOr("aria-invalid", "") != "true" || !strings.Contains(input.AttrOr("aria-describedby", ""), "report_deadline_days-error") {
					t.Error("the input is not marked invalid with its message")
				}
				if msg := page.Find(deadlineForm + " #report_deadline_days-error").Text(); !strings.Contains(msg, tc.message) {
					t.Errorf("message beside the field %q", msg)
				}
				if page.Find(`.error-summary a[href="#report_deadline_days"]`).Length() != 1 {
					t.Error("not in the error summary")
				}
				if !strings.HasPrefix(page.Find("title").Text(), "Error: ") {
					t.Errorf("title %q does not say there are errors", page.Find("title").Text())
				}
				// The policy form beside it shows the stored policy, without errors.
				if page.Find("#title").AttrOr("value", "") != "Ballerup Kommunes Internationale Strategi" || page.Find("main form.admin-form .form-error").Length() != 0 {
					t.Error("the policy form is not shown as stored")
				}
			})
		}
		if d := deadline(t, f, "ballerup"); d != 30 {
			t.Errorf("saved: %d", d)
		}
		if n := servertest.Scalar[int](t, f.Pool, `SELECT count(*) FROM audit_log WHERE entity = 'municipality'`); n != 0 {
			t.Errorf("%d audit entries", n)
		}
	})

	t.Run("saving the same value changes nothing", func(t *testing.T) {
		same := servertest.FormValues(doc, deadlineForm)
		same.Set("report_deadline_days", " 30 ")
		res, _ := f.Post(t, "/staff/policy/report-deadline", same)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/policy" {
			t.Fatalf("status %d to %q", res.StatusCode, res.Header.Get("Location"))
		}
		page := f.Get(t, "/staff/policy", http.StatusOK)
		if !strings.Contains(page.Find("main").Text(), "Nothing was changed.") {
			t.Error("no message that nothing changed")
		}
		if n := servertest.Scalar[int](t, f.Pool, `SELECT count(*) FROM audit_log WHERE entity = 'municipality'`); n != 0 {
			t.Errorf("%d audit entries", n)
		}
	})

	// Two administrators open the page; the first saves, the second meets a conflict.
	first := servertest.FormValues(doc, deadlineForm)
	second := servertest.FormValues(doc, deadlineForm)
	first.Set("report_deadline_days", "14")
	res, _ := f.Post(t, "/staff/policy/report-deadline", first)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/staff/policy" {
		t.Fatalf("save: status %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if d := deadline(t, f, "ballerup"); d != 14 {
		t.Fatalf("stored %d", d)
	}
	if d := deadline(t, f, "berlin"); d != 30 {
		t.Errorf("Berlin's deadline changed to %d", d)
	}
	changes, actor := servertest.AuditChanges(t, f.Pool, "municipality", ballerup, "update")
	if actor != f.ID {
		t.Errorf("update attributed to %d", actor)
	}
	if len(changes) != 1 || changes["report_deadline_days"]["old"] != float64(30) || changes["report_deadline_days"]["new"] != float64(14) {
		t.Errorf("changes %v", changes)
	}
	doc = f.Get(t, "/staff/policy", http.StatusOK)
	if got := doc.Find(deadlineForm+" #report_deadline_days").AttrOr("value", ""); got != "14" {
		t.Errorf("after saving the page shows %q", got)
	}
	if !strings.Contains(doc.Find("main").Text(), "The trip report deadline was saved.") {
		t.Error("no message that it was saved")
	}

	second.Set("report_deadline_days", "21")
	res, page := f.Post(t, "/staff/policy/report-deadline", second)
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("stale save: %d", res.StatusCode)
	}
	conflict := page.Find("#report-deadline .conflict")
	if conflict.Length() != 1 || !strings.Contains(conflict.Text(), "21") || !strings.Contains(conflict.Text(), "14") ||
		page.Find(deadlineForm+" #report_deadline_days").AttrOr("value", "") != "21" {
		t.Error("the conflict does not show the input beside the value saved meanwhile")
	}
	if d := deadline(t, f, "ballerup"); d != 14 {
		t.Errorf("after the conflict: %d", d)
	}
	// Saving the conflict page's form again is deliberate, and saves.
	f.MustPost(t, "/staff/policy/report-deadline", servertest.FormValues(page, deadlineForm), http.StatusSeeOther)
	if d := deadline(t, f, "ballerup"); d != 21 {
		t.Errorf("after saving again: %d", d)
	}
	// An unreadable state is a conflict too, never a blind overwrite.
	blind := url.Values{"report_deadline_days": {"7"}}
	if res, _ := f.Post(t, "/staff/policy/report-deadline", blind); res.StatusCode != http.StatusConflict {
		t.Errorf("save without state: %d", res.StatusCode)
	}

	// The audit log names the kind of record and leads to the setting.
	log := f.Get(t, "/staff/audit?entity=municipality", http.StatusOK)
	what := log.Find(".audit-entry__what")
	if what.Length() != 2 || !strings.Contains(what.First().Text(), "Municipality") ||
		what.First().Find("a").AttrOr("href", "") != "/staff/policy#report-deadline" {
		t.Errorf("audit log entries: %q", what.Text())
	}
	if log.Find(`select#entity option[value="municipality"]`).Text() != "Municipality" {
		t.Error("the kind filter does not name municipality")
	}
}

// TestReportDeadlineDecidesOverdue: the public list of late reports follows the
// deadline the administrator sets, and only in the administrator's municipality.
func TestReportDeadlineDecidesOverdue(t *testing.T) {
	t.Parallel()
	f := setup(t)
	// servertest.Now is 2026-11-22: both trips came back 20 days ago.
	ended := servertest.Now.AddDate(0, 0, -20)
	for _, tr := range []servertest.Trip{
		{Municipality: "ballerup", Reference: "BAL-2026-0100", Status: "approved", Purpose: "Studietur", Start: ended.AddDate(0, 0, -2), End: ended},
		{Municipality: "berlin", Reference: "BER-2026-0100", Status: "approved", Purpose: "Studienreise", Start: ended.AddDate(0, 0, -2), End: ended},
	} {
		servertest.InsertTrip(t, f.Pool, tr)
	}
	overdue := func(slug string) *goquery.Selection {
		t.Helper()
		_, doc := servertest.Get(t, servertest.Client(t), f.Srv.URL+"/m/"+slug+"/trips", "en")
		return doc.Find(`section[aria-labelledby="overdue"] tbody tr`)
	}
	if n := overdue("ballerup").Length(); n != 0 {
		t.Fatalf("at 30 days: %d overdue", n)
	}

	form := servertest.FormValues(f.Get(t, "/staff/policy", http.StatusOK), deadlineForm)
	form.Set("report_deadline_days", "14")
	f.MustPost(t, "/staff/policy/report-deadline", form, http.StatusSeeOther)

	rows := overdue("ballerup")
	if rows.Length() != 1 || strings.TrimSpace(rows.Find("th").Text()) != "BAL-2026-0100" || rows.Find("td.num").Text() != "6" {
		t.Errorf("at 14 days: %q", rows.Text())
	}
	due := ended.AddDate(0, 0, 14).Format("2 January 2006")
	if !strings.Contains(rows.Text(), due) {
		t.Errorf("due date %s not shown: %q", due, rows.Text())
	}
	if n := overdue("berlin").Length(); n != 0 {
		t.Errorf("Berlin, still at 30 days: %d overdue", n)
	}
}
