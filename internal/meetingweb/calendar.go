package meetingweb

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/meeting"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/opendata"
)

// CalendarEvents emits the calendar events of the twin-city meetings of
// municipality m, whose policy has the meeting rotation rot, that end on or after
// from. uidHost is the host name of the events' UIDs; page is where the meetings
// are described (the municipality's page).
func CalendarEvents(ctx context.Context, db database.Querier, rot meeting.Rotation, m municipality.Municipality, from time.Time,
	l *i18n.Localizer, uidHost, page string, emit func(opendata.Event) error) error {
	list, err := meeting.NewStore(db).List(ctx, m.ID)
	if err != nil {
		return err
	}
	c := meetingCalendar{l: l, rot: rot, uidHost: uidHost, page: page, municipalityID: m.ID}
	for _, e := range c.events(list, from) {
		if err := emit(e); err != nil {
			return err
		}
	}
	return nil
}

// meetingCalendar makes calendar events of a municipality's twin-city meetings.
//
// A meeting is recorded with its year and host; the day (held_on) is often not
// known. An event needs a day, and neither choice without one is good: an event
// spanning the whole year would sit on every day of a subscriber's calendar, and
// leaving the meeting out would leave out what the calendar is for. So a meeting
// known only by its year becomes a one-day event on 1 January of that year that
// says so in its summary ("date not yet known") and description, with STATUS
// TENTATIVE; once the day is recorded, the event moves there (same UID).
//
// Besides the recorded meetings, the next meeting the rotation plans
// (meeting.Plan) is shown the same way, titled "planned per rotation", but only
// where the records tell it: the order of hosts is read from the recorded
// meetings (meeting.Plan), so with too few of them nothing is planned.
//
// Only what the public municipality page shows is published: year, host, place
// and the planned meeting; participants and notes are not.
type meetingCalendar struct {
	l              *i18n.Localizer
	rot            meeting.Rotation
	uidHost        string
	page           string // where the meetings are described: the municipality's page
	municipalityID int64
}

// events returns the events of the meetings in list that end on or after from,
// and of the planned next one if it does, in date order.
func (c meetingCalendar) events(list []meeting.Meeting, from time.Time) []opendata.Event {
	var events []opendata.Event
	for _, mt := range list {
		if e := c.recorded(mt); !e.End.Before(from) {
			events = append(events, e)
		}
	}
	if e, ok := c.planned(list); ok && !e.End.Before(from) {
		events = append(events, e)
	}
	slices.SortFunc(events, func(a, b opendata.Event) int {
		if n := a.Start.Compare(b.Start); n != 0 {
			return n
		}
		return strings.Compare(a.UID, b.UID)
	})
	return events
}

// recorded is the event of a recorded meeting; its UID is the record's id, so an
// edit (a date recorded, a host corrected) updates the event in place.
func (c meetingCalendar) recorded(mt meeting.Meeting) opendata.Event {
	e := opendata.Event{
		UID:      "meeting-" + strconv.FormatInt(mt.ID, 10) + "@" + c.uidHost,
		Stamp:    mt.UpdatedAt,
		URL:      c.page,
		Location: meetingLocation(mt.Place, mt.Host),
	}
	var desc []string
	if mt.HeldOn != nil {
		e.Start, e.End = *mt.HeldOn, *mt.HeldOn
		e.Summary = c.l.T("opendata.calendar.meeting", mt.Host)
	} else {
		e.Start = newYear(mt.Year)
		e.End = e.Start
		e.Summary = c.l.T("opendata.calendar.meeting_year", strconv.Itoa(mt.Year), mt.Host)
		e.Status = "TENTATIVE"
		desc = append(desc, c.l.T("opendata.calendar.meeting_placeholder"))
	}
	c.finish(&e, desc, mt.IsDemo)
	return e
}

// planned is the event of the next meeting per the rotation, if the rotation
// names one: the year the interval gives after the latest recorded meeting, with
// the host after its host. It is later than every recorded meeting, so never one
// of them. Its data are as demonstrative as the meeting it follows from.
func (c meetingCalendar) planned(list []meeting.Meeting) (opendata.Event, bool) {
	o := meeting.Plan(c.rot, list, time.Now())
	if !o.Known {
		// Too few meetings recorded to tell the order of hosts.
		return opendata.Event{}, false
	}
	last := slices.MaxFunc(list, func(a, b meeting.Meeting) int { return a.Year - b.Year })
	e := opendata.Event{
		// Keyed by municipality and year: recomputed on every download, the plan
		// has no id of its own. When the meeting is recorded this event goes and
		// the recorded one (meeting-{id}) comes.
		UID:      "meeting-plan-" + strconv.FormatInt(c.municipalityID, 10) + "-" + strconv.Itoa(o.NextYear) + "@" + c.uidHost,
		Stamp:    last.UpdatedAt,
		Start:    newYear(o.NextYear),
		Summary:  c.l.T("opendata.calendar.meeting_planned", strconv.Itoa(o.NextYear), o.NextHost),
		Location: o.NextHost,
		URL:      c.page,
		Status:   "TENTATIVE",
	}
	e.End = e.Start
	desc := []string{
		c.l.T("opendata.calendar.meeting_rotation", c.l.Int(int64(c.rot.IntervalYears)), strings.Join(o.Order, ", "),
			strconv.Itoa(last.Year), last.Host),
		c.l.T("opendata.calendar.meeting_placeholder"),
	}
	c.finish(&e, desc, last.IsDemo)
	return e, true
}

// finish adds the description, the category and, for demonstration data, the
// same marks a demo trip has.
func (c meetingCalendar) finish(e *opendata.Event, desc []string, demo bool) {
	e.Categories = []string{c.l.T("meeting.title")}
	if demo {
		e.Summary = c.l.T("opendata.demo_title", e.Summary)
		desc = append(desc, c.l.T("demo.badge_title"))
		e.Categories = append(e.Categories, c.l.T("demo.badge"))
	}
	e.Description = strings.Join(desc, "\n")
}

// meetingLocation is the place of a meeting with its host city, which the place
// (a venue, say) may not name.
func meetingLocation(place, host string) string {
	switch {
	case place == "":
		return host
	case strings.Contains(place, host):
		return place
	default:
		return place + ", " + host
	}
}

func newYear(year int) time.Time { return time.Date(year, time.January, 1, 0, 0, 0, 0, time.UTC) }
