package tripweb_test

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/municipal-intl/portal/internal/opendata"
)

func TestOpenDataCalendar(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 400)
	res, body := odGet(t, srv.URL+"/m/stuttgart/calendar.ics")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, body)
	}
	if got := res.Header.Get("Content-Type"); got != "text/calendar; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}
	_, events := odParseICS(t, body)
	// From twelve months before "now" (2026-11-22) on.
	var want int
	if err := pool.QueryRow(context.Background(), `SELECT count(*) FROM trip t JOIN municipality m ON m.id = t.municipality_id
WHERE m.slug = 'stuttgart' AND t.status = 'published' AND t.archived_at IS NULL AND t.ends_on >= '2025-11-22'`).Scan(&want); err != nil {
		t.Fatal(err)
	}
	if len(events) != want || want == 0 {
		t.Errorf("%d events, want %d", len(events), want)
	}
	uids := map[string]bool{}
	for i, e := range events {
		for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"} {
			if e[p] == "" {
				t.Errorf("event %d lacks %s: %v", i, p, e)
			}
		}
		if !regexp.MustCompile(`^STU-\d{4}-\d{4}@portal\.example\.org$`).MatchString(e["UID"]) || uids[e["UID"]] {
			t.Errorf("event %d: UID %q", i, e["UID"])
		}
		uids[e["UID"]] = true
		start, err1 := time.Parse("20060102", e["DTSTART"])
		end, err2 := time.Parse("20060102", e["DTEND"])
		if err1 != nil || err2 != nil || !end.After(start) || end.Before(time.Date(2025, 11, 23, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("event %d: DTSTART %s DTEND %s", i, e["DTSTART"], e["DTEND"])
		}
	}
	// The same download twice is the same file (DTSTAMP is the publication).
	_, again := odGet(t, srv.URL+"/m/stuttgart/calendar.ics")
	if !bytes.Equal(body, again) {
		t.Error("the calendar changes from one download to the next")
	}
}

// TestOpenDataCalendarMeetings checks the twin-city meetings in the calendar of a
// municipality whose policy has the meeting rotation (Göteborg): the recorded ones
// of this year or later and the next one the rotation plans, but not a past one;
// and none in the calendar of a municipality without the rotation (Berlin), even
// with a meeting row of its own.
func TestOpenDataCalendarMeetings(t *testing.T) {
	t.Parallel()
	srv, pool := openDataServer(t, 40)
	ctx := context.Background()
	insert := func(slug string, year int, host string) int64 {
		t.Helper()
		var id int64
		if err := pool.QueryRow(ctx, `INSERT INTO twin_city_meeting (municipality_id, year, host, participants, updated_at)
SELECT id, $2, $3, 'Anna Andersson, ordförande', '2026-05-04T10:00:00Z' FROM municipality WHERE slug = $1 RETURNING id`,
			slug, year, host).Scan(&id); err != nil {
			t.Fatal(err)
		}
		return id
	}
	// The order of hosts comes from the records (one round of four): after
	// Turku, Göteborg, Aarhus and Bergen, Turku hosts next.
	insert("goteborg", 2020, "Turku")
	insert("goteborg", 2022, "Göteborg")
	past := insert("goteborg", 2024, "Aarhus")
	next := insert("goteborg", 2027, "Bergen")
	insert("berlin", 2027, "Bergen")
	var gbg int64
	if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = 'goteborg'`).Scan(&gbg); err != nil {
		t.Fatal(err)
	}
	uid := "meeting-" + strconv.FormatInt(next, 10) + "@portal.example.org"
	planUID := "meeting-plan-" + strconv.FormatInt(gbg, 10) + "-2029@portal.example.org"

	// get downloads a calendar and returns its head and its meeting events by UID.
	get := func(t *testing.T, path string) (map[string]string, map[string]map[string]string, []byte) {
		t.Helper()
		res, body := odGet(t, srv.URL+path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, res.StatusCode, body)
		}
		head, events := odParseICS(t, body)
		meetings := map[string]map[string]string{}
		uids := map[string]bool{}
		for i, e := range events {
			for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
				if e[p] == "" {
					t.Errorf("event %d lacks %s: %v", i, p, e)
				}
			}
			if uids[e["UID"]] {
				t.Errorf("UID %q twice", e["UID"])
			}
			uids[e["UID"]] = true
			if strings.HasPrefix(e["UID"], "meeting-") {
				meetings[e["UID"]] = e
			}
		}
		if bytes.Contains(body, []byte("Anna Andersson")) {
			t.Error("the calendar publishes a meeting's participants")
		}
		return head, meetings, body
	}
	type want struct{ start, end, summary, location, status, categories string }
	check := func(t *testing.T, meetings map[string]map[string]string, wants map[string]want) {
		t.Helper()
		if len(meetings) != len(wants) {
			t.Errorf("%d meeting events, want %d: %v", len(meetings), len(wants), meetings)
		}
		for uid, w := range wants {
			e, ok := meetings[uid]
			if !ok {
				t.Errorf("no event %s in %v", uid, meetings)
				continue
			}
			got := want{e["DTSTART"], e["DTEND"], e["SUMMARY"], e["LOCATION"], e["STATUS"], e["CATEGORIES"]}
			w.summary, w.location = opendata.EscapeText(w.summary), opendata.EscapeText(w.location)
			if got != w {
				t.Errorf("%s:\n got %+v\nwant %+v", uid, got, w)
			}
			if e["DTSTAMP"] != "20260504T100000Z" || e["URL"] != "https://portal.example.org/m/goteborg#meetings" {
				t.Errorf("%s: DTSTAMP %s, URL %s", uid, e["DTSTAMP"], e["URL"])
			}
		}
	}

	t.Run("year only, English", func(t *testing.T) {
		head, meetings, body := get(t, "/m/goteborg/calendar.ics?lang=en")
		if head["X-WR-CALNAME"] != "Göteborg: trips abroad and twin-city meetings" {
			t.Errorf("calendar name %q", head["X-WR-CALNAME"])
		}
		if _, ok := meetings["meeting-"+strconv.FormatInt(past, 10)+"@portal.example.org"]; ok {
			t.Error("the past meeting of 2024 is in the calendar")
		}
		check(t, meetings, map[string]want{
			uid: {"20270101", "20270102", "Twin-city meeting 2027 hosted by Bergen (date not yet known)", "Bergen", "TENTATIVE", "Twin-city meetings"},
			planUID: {"20290101", "20290102", "Twin-city meeting 2029 hosted by Turku (planned per rotation, date not yet known)",
				"Turku", "TENTATIVE", "Twin-city meetings"},
		})
		if d := meetings[planUID]["DESCRIPTION"]; !strings.HasPrefix(d, opendata.EscapeText("Not yet recorded: the policy has a meeting every 2 years, the host rotating among Turku, Göteborg, Aarhus, Bergen; this is the next one after the 2027 meeting hosted by Bergen.")) {
			t.Errorf("planned meeting's description %q", d)
		}
		if d := meetings[uid]["DESCRIPTION"]; !strings.Contains(d, "1 January as a placeholder") {
			t.Errorf("description %q does not say the date is a placeholder", d)
		}
		if _, _, again := get(t, "/m/goteborg/calendar.ics?lang=en"); !bytes.Equal(body, again) {
			t.Error("the calendar changes from one download to the next")
		}
	})

	t.Run("year only, Swedish", func(t *testing.T) {
		_, meetings, _ := get(t, "/m/goteborg/calendar.ics?lang=sv")
		check(t, meetings, map[string]want{
			uid: {"20270101", "20270102", "Vänortsmöte 2027 med Bergen som värd (datum ännu okänt)", "Bergen", "TENTATIVE", "Vänortsmöten"},
			planUID: {"20290101", "20290102", "Vänortsmöte 2029 med Turku som värd (planerat enligt rotationen, datum ännu okänt)",
				"Turku", "TENTATIVE", "Vänortsmöten"},
		})
	})

	t.Run("day recorded, demo", func(t *testing.T) {
		if _, err := pool.Exec(ctx, `UPDATE twin_city_meeting SET held_on = '2027-06-10', place = 'Grieghallen', is_demo = true WHERE id = $1`, next); err != nil {
			t.Fatal(err)
		}
		_, meetings, _ := get(t, "/m/goteborg/calendar.ics?lang=en")
		check(t, meetings, map[string]want{
			uid: {"20270610", "20270611", "Demo: Twin-city meeting hosted by Bergen", "Grieghallen, Bergen", "", "Twin-city meetings,Demo"},
			// The plan follows from demonstration data, so it is marked too.
			planUID: {"20290101", "20290102", "Demo: Twin-city meeting 2029 hosted by Turku (planned per rotation, date not yet known)",
				"Turku", "TENTATIVE", "Twin-city meetings,Demo"},
		})
	})

	t.Run("host outside the rotation: no plan", func(t *testing.T) {
		if _, err := pool.Exec(ctx, `UPDATE twin_city_meeting SET host = 'Reykjavik', place = '', is_demo = false WHERE id = $1`, next); err != nil {
			t.Fatal(err)
		}
		_, meetings, _ := get(t, "/m/goteborg/calendar.ics?lang=en")
		check(t, meetings, map[string]want{
			uid: {"20270610", "20270611", "Twin-city meeting hosted by Reykjavik", "Reykjavik", "", "Twin-city meetings"},
		})
	})

	t.Run("no rotation, no meetings", func(t *testing.T) {
		head, meetings, _ := get(t, "/m/berlin/calendar.ics?lang=en")
		if len(meetings) != 0 {
			t.Errorf("Berlin's calendar has meeting events: %v", meetings)
		}
		if head["X-WR-CALNAME"] != "Berlin: trips abroad" {
			t.Errorf("calendar name %q", head["X-WR-CALNAME"])
		}
	})
}

// odParseICS checks an iCalendar file's form (CRLF line ends, lines of at most 75
// octets, balanced BEGIN/END, VERSION and PRODID) and returns the calendar's
// properties and its events', unfolded, by name (parameters dropped, values still
// escaped).
func odParseICS(t *testing.T, body []byte) (map[string]string, []map[string]string) {
	t.Helper()
	text := string(body)
	if !strings.HasSuffix(text, "\r\n") {
		t.Error("the last line does not end in CRLF")
	}
	var lines []string // unfolded
	for i, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets", i+1, len(l))
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:] // a folded continuation
			continue
		}
		lines = append(lines, l)
	}
	if len(lines) == 0 || lines[0] != "BEGIN:VCALENDAR" {
		t.Fatalf("not a calendar: %.200q", text)
	}
	calendar := map[string]string{}
	var stack []string
	var events []map[string]string
	var event map[string]string
	for i, l := range lines {
		name, value, _ := strings.Cut(l, ":")
		prop, _, _ := strings.Cut(name, ";")
		switch prop {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				event = map[string]string{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("line %d: END:%s does not close %v", i+1, value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				events = append(events, event)
				event = nil
			}
		default:
			if event != nil {
				event[prop] = value
			} else if len(stack) == 1 {
				calendar[prop] = value
			}
		}
	}
	if len(stack) != 0 {
		t.Errorf("unbalanced: %v open at the end", stack)
	}
	if calendar["VERSION"] != "2.0" || calendar["PRODID"] == "" {
		t.Errorf("calendar: VERSION %q, PRODID %q", calendar["VERSION"], calendar["PRODID"])
	}
	return calendar, events
}
