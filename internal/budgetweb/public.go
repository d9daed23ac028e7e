package budgetweb

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/body"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

var yearRE = regexp.MustCompile(`^[0-9]{4}$`)

// parseYear reads a four-digit year within the range the schema allows.
func parseYear(s string) (int, error) {
	if !yearRE.MatchString(s) {
		return 0, fmt.Errorf("year %q is not a four-digit number", s)
	}
	y, _ := strconv.Atoi(s)
	if y < budget.MinYear || y > budget.MaxYear {
		return 0, fmt.Errorf("year %d is outside %d–%d", y, budget.MinYear, budget.MaxYear)
	}
	return y, nil
}

// budgetCurrent sends /m/{slug}/budget to this year's budget.
func (h *Handlers) budgetCurrent(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(r, pool)
	if err != nil {
		return err
	}
	u := "/m/" + m.Slug + "/budget/" + strconv.Itoa(h.Now().Year())
	if r.URL.RawQuery != "" {
		u += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
	return nil
}

// budget shows a municipality's budget lines of one fiscal year with what was spent.
func (h *Handlers) budget(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	m, err := municipalityFor(r, pool)
	if err != nil {
		return err
	}
	year, err := parseYear(chi.URLParam(r, "year"))
	if err != nil {
		return web.BadRequest("budget.error.year", err)
	}
	ctx := r.Context()
	if year <= h.Now().Year() {
		// A policy's annual allocations recur: the year's lines are created from
		// the previous year's when first needed (on the primary, not a standby).
		if _, err := budget.NewStore(h.Pool).EnsureYear(ctx, m.ID, year); err != nil {
			return err
		}
	}
	store := budget.NewStore(pool)
	sheet, err := store.Sheet(ctx, m.ID, m.Country, year)
	if err != nil {
		return err
	}
	years, err := store.Years(ctx, m.ID)
	if err != nil {
		return err
	}
	anyLines := len(years) > 0
	if current := h.Now().Year(); !slices.Contains(years, current) {
		years = append(years, current)
		slices.Sort(years)
	}
	v := BudgetView{Municipality: m, Year: year, Sheet: sheet, Years: years, Trips: map[int64][]budget.ChargedTrip{}, AnyLines: anyLines}
	if v.ReportApproval, err = trip.NewStore(pool).ReportNeedsApproval(ctx, m.ID, h.Now()); err != nil {
		return err
	}
	if v.Allocation, err = allocation(ctx, pool, m.ID); err != nil {
		return err
	}
	if len(sheet.Rows) > 0 {
		trips, err := store.PublishedTrips(ctx, m.ID, year)
		if err != nil {
			return err
		}
		for _, t := range trips {
			v.Trips[t.LineID] = append(v.Trips[t.LineID], t)
		}
	}
	l := web.L(r)
	y := strconv.Itoa(year)
	p := h.Site.Page(r, l.T("budget.title", y, m.Name), l.T("budget.description", m.Name, y),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: m.Name, Href: "/m/" + m.Slug},
		templates.Crumb{Label: l.T("nav.budget"), Href: "/m/" + m.Slug + "/budget"},
		templates.Crumb{Label: y})
	return web.Render(w, r, http.StatusOK, BudgetPage(p, v))
}

// compare shows the municipalities side by side for one year: ?year=, by default
// the latest year with published trips.
func (h *Handlers) compare(w http.ResponseWriter, r *http.Request, pool *pgxpool.Pool) error {
	ctx := r.Context()
	store := budget.NewStore(pool)
	years, err := store.TripYears(ctx)
	if err != nil {
		return err
	}
	current := h.Now().Year()
	year := current
	if len(years) > 0 {
		year = years[0]
	}
	if q := r.URL.Query().Get("year"); q != "" {
		if year, err = parseYear(q); err != nil {
			return web.BadRequest("compare.error.year", err)
		}
	}
	for _, y := range []int{current, year} {
		if !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	slices.Reverse(years)

	ms, err := municipality.NewStore(pool).List(ctx)
	if err != nil {
		return err
	}
	cols, err := store.Compare(ctx, ms, year)
	if err != nil {
		return err
	}
	l := web.L(r)
	y := strconv.Itoa(year)
	p := h.Site.Page(r, l.T("compare.title", y), l.T("compare.description", y),
		templates.Crumb{Label: l.T("nav.home"), Href: "/"},
		templates.Crumb{Label: l.T("nav.compare")})
	if r.URL.Query().Get("year") != "" {
		p.Canonical += "?year=" + y
	}
	return web.Render(w, r, http.StatusOK, ComparePage(p, CompareView{Year: year, Years: years, Columns: cols}))
}

// allocation reads the policy's rule that every body of a kind has its own line,
// with how many such bodies are recorded (nil without the rule).
func allocation(ctx context.Context, pool *pgxpool.Pool, municipalityID int64) (*Allocation, error) {
	rule, ok, err := policy.NewStore(pool).RuleFor(ctx, municipalityID, policy.KindAllocationPerBody)
	if err != nil || !ok {
		return nil, err
	}
	kind, _ := rule.Parameters["body_kind"].(string)
	n, err := body.NewStore(pool).CountKind(ctx, municipalityID, kind)
	if err != nil {
		return nil, err
	}
	return &Allocation{Sentence: rule.SourceSentence, Language: rule.Language, BodyKind: kind, Recorded: n}, nil
}
