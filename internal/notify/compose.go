package notify

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/municipal-intl/portal/internal/i18n"
)

// Mail is one composed e-mail, plain text.
type Mail struct {
	// ID is the outbox row's id; the Message-ID is made from it, so a message
	// sent twice (see Worker) is recognisable as one.
	ID      int64
	To      string
	ToName  string
	Subject string
	Body    string
}

// Trip is what a message says about its trip.
type Trip struct {
	ID        int64
	Reference string
	Purpose   string
	StartsOn  *time.Time
	EndsOn    *time.Time
	// DueOn is when the report falls due (nil without dates).
	DueOn *time.Time
}

// texts are the catalogue keys of each kind: the subject, the opening sentence,
// and whether the link leads to the review page (the recipient decides) rather
// than the trip's page.
var texts = map[string]struct {
	subject, intro string
	review         bool
}{
	PlanAwaits:     {"notify.plan_awaits.subject", "notify.plan_awaits.intro", true},
	ReportAwaits:   {"notify.report_awaits.subject", "notify.report_awaits.intro", true},
	PlanReturned:   {"notify.plan_returned.subject", "notify.plan_returned.intro", false},
	PlanApproved:   {"notify.plan_approved.subject", "notify.plan_approved.intro", false},
	ReportReturned: {"notify.report_returned.subject", "notify.report_returned.intro", false},
	ReportApproved: {"notify.report_approved.subject", "notify.report_approved.intro", false},
	ReportDueSoon:  {"notify.report_due_soon.subject", "notify.report_due_soon.intro", false},
	ReportOverdue:  {"notify.report_overdue.subject", "notify.report_overdue.intro", false},
}

// purposeRunes bounds the purpose quoted in a message.
const purposeRunes = 200

// Compose writes the message of kind about trip t to a person named name, in
// the language of l, with links under baseURL (BASE_URL). comment is the
// reviewer's comment of a return.
func Compose(l *i18n.Localizer, baseURL, kind, name, comment string, t Trip) (subject, body string) {
	k := texts[kind]
	ref := t.Reference
	if ref == "" {
		ref = "#" + strconv.FormatInt(t.ID, 10)
	}
	subject = l.T(k.subject, ref)
	var b strings.Builder
	line := func(s string) { b.WriteString(s); b.WriteString("\n") }
	line(l.T("notify.greeting", name))
	line("")
	line(l.T(k.intro))
	line("")
	line(l.T("notify.label.trip") + " " + ref)
	if p := strings.TrimSpace(t.Purpose); p != "" {
		line(l.T("notify.label.purpose") + " " + shorten(oneLine(p), purposeRunes))
	}
	if t.StartsOn != nil && t.EndsOn != nil {
		line(l.T("notify.label.dates") + " " + l.Date(*t.StartsOn) + " – " + l.Date(*t.EndsOn))
	}
	if (kind == ReportDueSoon || kind == ReportOverdue || kind == PlanApproved) && t.DueOn != nil {
		line(l.T("notify.label.due") + " " + l.Date(*t.DueOn))
	}
	if c := strings.TrimSpace(comment); c != "" {
		line("")
		line(l.T("notify.label.comment"))
		for _, s := range strings.Split(strings.ReplaceAll(c, "\r\n", "\n"), "\n") {
			line("  " + s)
		}
	}
	line("")
	line(l.T("notify.open"))
	path := "/staff/trips/"
	if k.review {
		path = "/staff/review/"
	}
	line(baseURL + path + strconv.FormatInt(t.ID, 10))
	line("")
	line("-- ")
	line(l.T("notify.footer"))
	line(baseURL + SettingsPath)
	return subject, b.String()
}

// SettingsPath is the page where a person turns notifications on or off.
const SettingsPath = "/staff/notifications"

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
