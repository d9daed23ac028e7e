package tripweb

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/meeting"
	"github.com/municipal-intl/portal/internal/meetingweb"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/opendata"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// The open data downloads: the register as CSV and JSON (with the register's
// filters, parsed by parseRegisterFilter; page is ignored, a download holds the
// whole selection), an Atom feed of the latest publications and an iCalendar file
// of the trips and twin-city meetings. docs/open-data.md documents the formats.

func (h *Handlers) tripsCSV(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	f, err := parseRegisterFilter(r.URL.Query(), m)
	if err != nil {
		return err
	}
	d := startDownload(h, w, r, "text/csv; charset=utf-8", `attachment; filename="`+m.Slug+`-trips.csv"`)
	cw, err := opendata.NewCSVWriter(d.buf, h.Site.BaseURL, m.Slug, m.Name)
	if err == nil {
		err = h.store().Downloads(r.Context(), m.ID, f, func(rec *opendata.Record) error {
			if err := cw.Write(rec); err != nil {
				return err
			}
			return d.row(cw.Flush)
		})
	}
	if err == nil {
		err = cw.Flush()
	}
	return d.finish(err)
}

func (h *Handlers) tripsJSON(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	f, err := parseRegisterFilter(r.URL.Query(), m)
	if err != nil {
		return err
	}
	doc := opendata.Document{
		Municipality: opendata.Municipality{
			Slug: m.Slug, Code: m.Code, Name: m.Name, NameEn: m.NameEn, Country: m.Country,
			Currency: m.Currency, MinorUnits: m.MinorUnits, Languages: m.Languages,
			URL: h.absolute("/m/" + m.Slug),
		},
		GeneratedAt: opendata.Instant(h.Now()),
		Filters:     filtersOf(f, m.MinorUnits),
	}
	d := startDownload(h, w, r, "application/json", `inline; filename="`+m.Slug+`-trips.json"`)
	jw, err := opendata.NewJSONWriter(d.buf, doc, h.Site.BaseURL)
	if err == nil {
		err = h.store().Downloads(r.Context(), m.ID, f, func(rec *opendata.Record) error {
			if err := jw.Write(rec); err != nil {
				return err
			}
			return d.row(jw.Flush)
		})
	}
	if err == nil {
		err = jw.Close()
	}
	return d.finish(err)
}

func (h *Handlers) feed(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	list, err := h.store().Latest(r.Context(), m.ID, opendata.FeedSize)
	if err != nil {
		return err
	}
	l := web.L(r)
	page := "/m/" + m.Slug
	f := opendata.Feed{
		ID:        h.absolute(page + "/feed.atom"),
		Lang:      l.Lang,
		Title:     l.T("opendata.feed.title", m.Name),
		Subtitle:  l.T("opendata.feed.subtitle", m.Name),
		Updated:   h.Now(),
		Self:      h.absolute(page + "/feed.atom" + langQuery(r)),
		Alternate: h.absolute(page + "/trips"),
		Author:    m.Name,
		AuthorURI: h.absolute(page),
	}
	for _, s := range list {
		if s.PublishedAt == nil {
			continue
		}
		if len(f.Entries) == 0 || s.PublishedAt.After(f.Updated) {
			f.Updated = *s.PublishedAt
		}
		f.Entries = append(f.Entries, opendata.Entry{
			ID:        opendata.TripURL(h.Site.BaseURL, m.Slug, s.Reference),
			Title:     tripTitle(l, s.Reference, s.Heading(), s.IsDemo),
			Updated:   *s.PublishedAt,
			Published: *s.PublishedAt,
			Summary:   feedSummary(l, s),
			Demo:      s.IsDemo,
			TitleLang: titleLang(s.Heading(), s.IsDemo, s.Language),
		})
	}
	var buf bytes.Buffer
	if err := opendata.WriteAtom(&buf, f); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/atom+xml")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, err = buf.WriteTo(w)
	return err
}

// feedSummary is an entry's summary: dates, destinations and total cost.
func feedSummary(l *i18n.Localizer, s trip.Summary) string {
	var parts []string
	if !s.StartsOn.IsZero() {
		parts = append(parts, templates.DateRange(templates.Page{L: l}, s.StartsOn, s.EndsOn))
	}
	if len(s.Destinations) > 0 {
		parts = append(parts, places(l, s.Destinations))
	}
	parts = append(parts, l.T("opendata.feed.total", l.Money(s.TotalMinor, s.Currency, s.MinorUnits)))
	return strings.Join(parts, " · ")
}

// tripTitle names a trip in the feed and the calendar: reference and title (its
// purpose when it has none), with fictional demonstration data marked as such.
func tripTitle(l *i18n.Localizer, ref, heading string, demo bool) string {
	title := ref
	if heading != "" {
		title += ": " + heading
	}
	if demo {
		title = l.T("opendata.demo_title", title)
	}
	return title
}

// titleLang is the language of tripTitle: the trip's (its municipality's) when
// the title is the reference and the trip's words, none when a demo title
// wraps them in a sentence of the reader's.
func titleLang(heading string, demo bool, lang string) string {
	if heading == "" || demo {
		return ""
	}
	return lang
}

func (h *Handlers) calendar(w http.ResponseWriter, r *http.Request) error {
	m, err := h.municipalityFor(r)
	if err != nil {
		return err
	}
	l := web.L(r)
	now := h.Now().UTC()
	from := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(-1, 0, 0)
	sources, meetings, err := h.calendarSources(r.Context(), m)
	if err != nil {
		return err
	}
	name, desc := l.T("opendata.calendar.name", m.Name), l.T("opendata.calendar.description", m.Name)
	if meetings {
		name, desc = l.T("opendata.calendar.name_meetings", m.Name), l.T("opendata.calendar.description_meetings", m.Name)
	}
	d := startDownload(h, w, r, "text/calendar; charset=utf-8", `inline; filename="`+m.Slug+`-trips.ics"`)
	cw := opendata.NewICSWriter(d.buf, opendata.Calendar{
		ProdID:      "-//Municipal international affairs portal//Trips//EN",
		Name:        name,
		Description: desc,
		URL:         h.absolute("/m/" + m.Slug + "/calendar.ics" + langQuery(r)),
	})
	emit := func(e opendata.Event) error {
		if err := cw.Event(e); err != nil {
			return err
		}
		return d.row(cw.Flush)
	}
	for _, source := range sources {
		if err = source(r.Context(), m, from, l, emit); err != nil {
			break
		}
	}
	if err == nil {
		err = cw.Close()
	}
	return d.finish(err)
}

// eventSource adds one kind of event to a municipality's calendar: every event
// that ends on or after from, passed to emit.
type eventSource func(ctx context.Context, m municipality.Municipality, from time.Time, l *i18n.Localizer, emit func(opendata.Event) error) error

// calendarSources lists what a municipality's calendar carries: its published
// trips, its upcoming approved plans where its policy makes plans public before
// travel, and, where its policy has a meeting rotation, its twin-city meetings
// (meetings is then true). A new kind of event is added here; its UIDs must not
// collide with the others' ({reference}@host, meeting-…@host).
func (h *Handlers) calendarSources(ctx context.Context, m municipality.Municipality) (sources []eventSource, meetings bool, err error) {
	sources = []eventSource{h.tripEvents}
	plans, err := h.store().PlansPublic(ctx, m.ID)
	if err != nil {
		return nil, false, err
	}
	if plans {
		sources = append(sources, h.planEvents)
	}
	rot, ok, err := meeting.RotationOf(ctx, h.Pool, m.ID)
	if err != nil {
		return nil, false, err
	}
	if ok {
		sources = append(sources, func(ctx context.Context, m municipality.Municipality, from time.Time, l *i18n.Localizer, emit func(opendata.Event) error) error {
			return meetingweb.CalendarEvents(ctx, h.Pool, rot, m, from, l, h.uidHost(), h.absolute("/m/"+m.Slug+"#meetings"), emit)
		})
	}
	return sources, ok, nil
}

// uidHost is the host name in the calendar's UIDs: the portal's.
func (h *Handlers) uidHost() string {
	if u, err := url.Parse(h.Site.BaseURL); err == nil && u.Hostname() != "" {
		return u.Hostname()
	}
	return "portal"
}

// tripEvents makes an all-day event of every published trip.
func (h *Handlers) tripEvents(ctx context.Context, m municipality.Municipality, from time.Time, l *i18n.Localizer, emit func(opendata.Event) error) error {
	host := h.uidHost()
	return h.store().CalendarRecords(ctx, m.ID, from, func(rec *opendata.Record) error {
		end := *rec.StartsOn
		if rec.EndsOn != nil {
			end = *rec.EndsOn
		}
		e := opendata.Event{
			UID:     rec.Reference + "@" + host,
			Start:   *rec.StartsOn,
			End:     end,
			Summary: tripTitle(l, rec.Reference, trip.Heading(rec.Title, rec.Purpose), rec.Demo),
			URL:     opendata.TripURL(h.Site.BaseURL, m.Slug, rec.Reference),
		}
		e.SummaryLang = titleLang(trip.Heading(rec.Title, rec.Purpose), rec.Demo, m.Language())
		if rec.PublishedAt != nil {
			e.Stamp = *rec.PublishedAt
		}
		places := make([]string, len(rec.Cities))
		for i, city := range rec.Cities {
			places[i] = city
			if i < len(rec.CityCountries) {
				places[i] += ", " + l.Country(rec.CityCountries[i])
			}
		}
		e.Location = strings.Join(places, "; ")
		var desc []string
		if rec.Organiser != "" {
			desc = append(desc, l.T("opendata.calendar.organiser", rec.Organiser))
		}
		if len(rec.TravellerNames) > 0 {
			desc = append(desc, l.T("opendata.calendar.travellers", strings.Join(rec.TravellerNames, ", ")))
		}
		desc = append(desc, l.T("opendata.calendar.total", l.Money(rec.Total, rec.Currency, rec.MinorUnits)))
		if rec.Demo {
			desc = append(desc, l.T("demo.badge_title"))
			e.Categories = []string{l.T("demo.badge")}
		}
		e.Description = strings.Join(desc, "\n")
		return emit(e)
	})
}

// absolute makes an absolute URL of a path on this portal.
func (h *Handlers) absolute(path string) string {
	return strings.TrimSuffix(h.Site.BaseURL, "/") + path
}

// langQuery keeps a valid ?lang= in the addresses a feed or calendar gives of
// itself, so a subscription stays in the language it was made in.
func langQuery(r *http.Request) string {
	if lang := r.URL.Query().Get("lang"); i18n.IsSupported(lang) {
		return "?lang=" + lang
	}
	return ""
}

// flushEvery is how many rows a download writes between flushes to the client.
const flushEvery = 200

// download is a streamed response. It holds the first bytes back in a buffer, so an
// error while the first rows are read still becomes a proper error page. Once bytes
// have gone out the status is sent and cannot change: an error then aborts the
// connection, so the client sees a failed download rather than a file that looks
// complete but is not.
type download struct {
	h         *Handlers
	w         http.ResponseWriter
	r         *http.Request
	buf       *bufio.Writer
	committed bool
	rows      int
}

func startDownload(h *Handlers, w http.ResponseWriter, r *http.Request, contentType, disposition string) *download {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", disposition)
	d := &download{h: h, w: w, r: r}
	d.buf = bufio.NewWriterSize(committer{d}, 32<<10)
	return d
}

// committer passes bytes to the response, noting that it has started.
type committer struct{ d *download }

func (c committer) Write(p []byte) (int, error) {
	c.d.committed = true
	return c.d.w.Write(p)
}

// row counts a written row and every flushEvery rows flushes the format's writer
// (flush), the download's buffer and the response, so the file grows steadily at
// the client and no buffer grows with the number of rows.
func (d *download) row(flush func() error) error {
	d.rows++
	if d.rows%flushEvery != 0 {
		return nil
	}
	if err := flush(); err != nil {
		return err
	}
	if err := d.buf.Flush(); err != nil {
		return err
	}
	if err := http.NewResponseController(d.w).Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	// A download is bounded per chunk, not in total: each chunk sent gives it
	// REQUEST_TIMEOUT again.
	web.ExtendDeadline(d.r.Context(), d.w)
	return nil
}

// finish ends the download: err nil flushes what is left; an error before the
// first byte is returned for the error page, after it aborts the response.
func (d *download) finish(err error) error {
	if err == nil {
		if err = d.buf.Flush(); err == nil {
			return nil
		}
	}
	if web.ClientGone(d.r) {
		panic(http.ErrAbortHandler) // the client has gone: nothing to tell it
	}
	if !d.committed {
		d.w.Header().Del("Content-Disposition")
		return err
	}
	d.h.Site.Log.ErrorContext(d.r.Context(), "download failed after it started", "request_id", web.RequestID(d.r.Context()),
		"path", d.r.URL.Path, "rows", d.rows, "err", err)
	panic(http.ErrAbortHandler)
}

// filtersOf echoes a filter for the JSON download.
func filtersOf(f trip.Filter, minorUnits int) opendata.Filters {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	amount := func(v *int64) *string {
		if v == nil {
			return nil
		}
		s := opendata.Decimal(*v, minorUnits)
		return &s
	}
	out := opendata.Filters{
		Traveller: opt(f.Traveller), Country: opt(f.Country), Priority: opt(f.Priority),
		Organiser: opt(f.Organiser), Min: amount(f.MinCost), Max: amount(f.MaxCost),
		Sort: f.Sort,
	}
	if f.Year != 0 {
		out.Year = &f.Year
	}
	if out.Sort == "" {
		out.Sort = trip.Sorts[0]
	}
	return out
}
