package apiweb

import (
	"errors"
	"regexp"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/api"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/municipality"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
)

// Index is the answer of /api/v1/: where the API's parts are.
type Index struct {
	OpenAPI        string `json:"openapi"`
	Documentation  string `json:"documentation"`
	Municipalities string `json:"municipalities"`
	Catalogue      string `json:"catalogue"`
}

func (h *Handlers) index(c *call) (any, error) {
	b := h.base()
	return Index{OpenAPI: b + api.Version + "/openapi.json", Documentation: b + "/api",
		Municipalities: b + api.Version + "/municipalities", Catalogue: b + "/catalog.jsonld"}, nil
}

func (h *Handlers) municipalities(c *call) (any, error) {
	list, err := municipality.NewStore(c.pool).List(c.r.Context())
	if err != nil {
		return nil, err
	}
	items := make([]api.Municipality, 0, len(list))
	for _, m := range list {
		items = append(items, api.NewMunicipality(m, h.base()))
	}
	// Pages follow the ids, which never change; the list itself is by name.
	sortByID(items, func(m api.Municipality) int64 { return m.ID })
	return page(c, "municipalities", items, func(m api.Municipality) int64 { return m.ID })
}

func (h *Handlers) municipality(c *call) (any, error) {
	return api.NewMunicipality(c.m, h.base()), nil
}

func (h *Handlers) policy(c *call) (any, error) {
	p, err := policy.NewStore(c.pool).Current(c.r.Context(), c.m.ID)
	if errors.Is(err, policy.ErrNotFound) {
		return nil, web.NotFound(err)
	}
	if err != nil {
		return nil, err
	}
	return api.NewPolicy(p), nil
}

func (h *Handlers) partnerships(c *call) (any, error) {
	list, err := partner.NewStore(c.pool).ByMunicipality(c.r.Context(), c.m.ID)
	if err != nil {
		return nil, err
	}
	items := make([]api.Partnership, 0, len(list))
	for _, p := range list {
		items = append(items, api.NewPartnership(p, c.m.Slug, h.base()))
	}
	sortByID(items, func(p api.Partnership) int64 { return p.ID })
	return page(c, "partnerships", items, func(p api.Partnership) int64 { return p.ID })
}

// idParam reads a positive id from the path; anything else is not found.
func idParam(c *call, name string) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(c.r, name), 10, 64)
	if err != nil || id < 1 {
		return 0, web.NotFound(err)
	}
	return id, nil
}

func (h *Handlers) partnership(c *call) (any, error) {
	id, err := idParam(c, "id")
	if err != nil {
		return nil, err
	}
	ctx, store := c.r.Context(), partner.NewStore(c.pool)
	d, err := store.Get(ctx, c.m.ID, id)
	if errors.Is(err, partner.ErrNotFound) {
		return nil, web.NotFound(err)
	}
	if err != nil {
		return nil, err
	}
	projects, err := store.Projects(ctx, c.m.ID, id)
	if err != nil {
		return nil, err
	}
	agreements, err := agreement.NewStore(c.pool).ByPartnership(ctx, c.m.ID, id)
	if err != nil {
		return nil, err
	}
	_, count, lastEnd, err := store.Trips(ctx, c.m.ID, d)
	if err != nil {
		return nil, err
	}
	return api.NewPartnershipDetail(d, projects, agreements, count, api.DayP(lastEnd), c.m.Language(), c.m.Slug, h.base()), nil
}

func (h *Handlers) networks(c *call) (any, error) {
	list, err := partner.NewStore(c.pool).Networks(c.r.Context(), c.m.ID)
	if err != nil {
		return nil, err
	}
	items := make([]api.Membership, 0, len(list))
	for _, m := range list {
		items = append(items, api.NewMembership(m))
	}
	sortByID(items, func(m api.Membership) int64 { return m.NetworkID })
	return page(c, "networks", items, func(m api.Membership) int64 { return m.NetworkID })
}

func (h *Handlers) projects(c *call) (any, error) {
	list, err := partner.NewStore(c.pool).PublicProjects(c.r.Context(), c.m.ID)
	if err != nil {
		return nil, err
	}
	items := make([]api.Project, 0, len(list))
	for _, p := range list {
		items = append(items, api.NewProject(p.Project, p.PartnershipID, c.m.Language()))
	}
	return page(c, "projects", items, func(p api.Project) int64 { return p.ID })
}

func (h *Handlers) agreements(c *call) (any, error) {
	f, err := agreement.ParseFilter(c.r.URL.Query())
	switch {
	case errors.Is(err, agreement.ErrUnknownType):
		return nil, web.BadRequest("agreements.error.type", err)
	case errors.Is(err, agreement.ErrUnknownStatus):
		return nil, web.BadRequest("agreements.error.status", err)
	case err != nil:
		return nil, web.BadRequest("api.error.bad_request", err)
	}
	today := h.Now()
	list, err := agreement.NewStore(c.pool).List(c.r.Context(), c.m.ID, f, today)
	if err != nil {
		return nil, err
	}
	items := make([]api.Agreement, 0, len(list))
	for _, a := range list {
		st := a.Effective(today)
		items = append(items, api.NewAgreement(a, c.m.Language(), &st))
	}
	sortByID(items, func(a api.Agreement) int64 { return a.ID })
	return page(c, "agreements", items, func(a api.Agreement) int64 { return a.ID })
}

var refRE = regexp.MustCompile(`^[A-Z]{3}-[0-9]{4}-[0-9]{4,6}$`)

func (h *Handlers) trip(c *call) (any, error) {
	ref := chi.URLParam(c.r, "ref")
	if !refRE.MatchString(ref) {
		return nil, web.NotFound(nil)
	}
	t, err := trip.NewStore(c.pool).Published(c.r.Context(), c.m.ID, ref)
	if errors.Is(err, trip.ErrNotFound) {
		return nil, web.NotFound(err)
	}
	if err != nil {
		return nil, err
	}
	return api.NewTripDetail(t, c.m.Slug, h.base()), nil
}

// Years is the answer of /budget: the fiscal years with budget lines.
type Years struct {
	Years []int  `json:"years"`
	Links []Link `json:"links"`
}

// Link is the address of one year's budget.
type Link struct {
	Year int    `json:"year"`
	Href string `json:"href"`
}

func (h *Handlers) budgetYears(c *call) (any, error) {
	years, err := budget.NewStore(c.pool).Years(c.r.Context(), c.m.ID)
	if err != nil {
		return nil, err
	}
	out := Years{Years: years, Links: []Link{}}
	if out.Years == nil {
		out.Years = []int{}
	}
	for _, y := range years {
		out.Links = append(out.Links, Link{Year: y, Href: h.base() + api.Version + "/municipalities/" + c.m.Slug + "/budget/" + strconv.Itoa(y)})
	}
	return out, nil
}

var yearRE = regexp.MustCompile(`^[0-9]{4}$`)

func (h *Handlers) budget(c *call) (any, error) {
	s := chi.URLParam(c.r, "year")
	y, err := strconv.Atoi(s)
	if !yearRE.MatchString(s) || err != nil || y < budget.MinYear || y > budget.MaxYear {
		return nil, web.BadRequest("budget.error.year", err)
	}
	sheet, err := budget.NewStore(c.pool).Sheet(c.r.Context(), c.m.ID, c.m.Country, y)
	if err != nil {
		return nil, err
	}
	return api.NewBudget(sheet, c.m.Language(), c.m.Slug, h.base()), nil
}

func (h *Handlers) overdue(c *call) (any, error) {
	list, err := trip.NewStore(c.pool).OverdueReports(c.r.Context(), c.m.ID, h.Now())
	if err != nil {
		return nil, err
	}
	items := make([]api.Overdue, 0, len(list))
	for _, o := range list {
		items = append(items, api.NewOverdue(o))
	}
	sortByID(items, func(o api.Overdue) int64 { return o.ID })
	return page(c, "overdue", items, func(o api.Overdue) int64 { return o.ID })
}

// Quarters is the answer of /quarters: every quarter since the first published
// trip, empty ones stated.
type Quarters struct {
	Quarters []api.Quarter `json:"quarters"`
}

func (h *Handlers) quarters(c *call) (any, error) {
	list, err := trip.NewStore(c.pool).Quarters(c.r.Context(), c.m.ID, h.Now())
	if err != nil {
		return nil, err
	}
	out := Quarters{Quarters: []api.Quarter{}}
	for _, q := range list {
		out.Quarters = append(out.Quarters, api.NewQuarter(q, c.m.Slug, h.base()))
	}
	return out, nil
}

// UpcomingPlans is the answer of /trips/upcoming: the approved plans of trips
// still to come, where the policy makes plans public before travel (PlansPublic);
// elsewhere PlansPublic is false and the list empty.
type UpcomingPlans struct {
	PlansPublic bool           `json:"plans_public"`
	Trips       []api.Upcoming `json:"trips"`
}

func (h *Handlers) upcoming(c *call) (any, error) {
	st := trip.NewStore(c.pool)
	out := UpcomingPlans{Trips: []api.Upcoming{}}
	var err error
	if out.PlansPublic, err = st.PlansPublic(c.r.Context(), c.m.ID); err != nil || !out.PlansPublic {
		return out, err
	}
	list, err := st.UpcomingPlans(c.r.Context(), c.m.ID, h.Now(), trip.UpcomingMax)
	if err != nil {
		return nil, err
	}
	for _, u := range list {
		out.Trips = append(out.Trips, api.NewUpcoming(u))
	}
	return out, nil
}
