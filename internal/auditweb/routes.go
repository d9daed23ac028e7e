// Package auditweb lets administrators browse and filter the audit log.
package auditweb

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// Handlers serves /staff/audit.
type Handlers struct{ workspaceweb.Base }

// Staff registers the pages under /staff/audit.
func (h *Handlers) Staff(r chi.Router) {
	r.Use(h.Auth.Require(access.AuditView))
	r.Get("/", h.Site.Handle(h.list))
}

var (
	entityRE = regexp.MustCompile(`^[a-z_]{1,64}$`)
	actions  = []string{audit.ActionCreate, audit.ActionUpdate, audit.ActionArchive, audit.ActionDelete, audit.ActionTransition}
	maxPage  = 100000
)

// list is the municipality's audit log, filtered by the GET form above it. A
// filter that cannot be read answers 400 with the form and what is wrong with it.
func (h *Handlers) list(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := workspaceweb.Me(r)
	q := r.URL.Query()
	v := AuditLogView{Filter: AuditFilterForm{
		Entity: strings.TrimSpace(q.Get("entity")), ID: strings.TrimSpace(q.Get("id")), Action: q.Get("action"),
		Person: q.Get("person"), From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
	}, Actions: actions}
	var err error
	store := audit.NewStore(h.Pool)
	if v.Accounts, err = store.Accounts(ctx, me.MunicipalityID); err != nil {
		return err
	}
	if v.Entities, err = store.Entities(ctx, me.MunicipalityID); err != nil {
		return err
	}
	if v.Filter.Entity != "" && !slices.Contains(v.Entities, v.Filter.Entity) {
		v.Entities = append(v.Entities, v.Filter.Entity)
	}
	filter, errs := parseFilter(v.Filter, q.Get("page"), v.Accounts)
	filter.MunicipalityID = me.MunicipalityID
	v.Errors = errs
	l := web.L(r)
	title := l.T("auditlog.title")
	p := h.Page(w, r, title, templates.Crumb{Label: title})
	p.Title = templates.ErrorTitle(p, title, errs)
	if errs.Any() {
		return web.Render(w, r, http.StatusBadRequest, AuditLogPage(p, v))
	}
	if v.Rows, v.Total, err = store.List(ctx, filter); err != nil {
		return err
	}
	v.Page, v.PerPage = max(filter.Page, 1), audit.PageSize
	return web.Render(w, r, http.StatusOK, AuditLogPage(p, v))
}

// parseFilter reads the filter form into an audit.Filter, with an error for
// each field that cannot be read.
func parseFilter(f AuditFilterForm, page string, people []audit.Account) (audit.Filter, form.Errors) {
	var errs form.Errors
	var filter audit.Filter
	if f.Entity != "" {
		if entityRE.MatchString(f.Entity) {
			filter.Entity = f.Entity
		} else {
			errs.Add("entity", "auditlog.error.entity")
		}
	}
	if f.ID != "" {
		id, err := strconv.ParseInt(f.ID, 10, 64)
		if err != nil || id < 1 {
			errs.Add("id", "auditlog.error.id")
		}
		filter.EntityID = id
	}
	if f.Action != "" {
		if slices.Contains(actions, f.Action) {
			filter.Action = f.Action
		} else {
			errs.Add("action", "auditlog.error.action")
		}
	}
	if f.Person != "" {
		id, err := strconv.ParseInt(f.Person, 10, 64)
		known := slices.ContainsFunc(people, func(a audit.Account) bool { return a.ID == id })
		if err != nil || !known {
			// Another municipality's account is as unknown as a made-up number.
			errs.Add("person", "auditlog.error.person")
		}
		filter.AccountID = id
	}
	if f.From != "" {
		from, err := form.ParseDate(f.From)
		if err != nil {
			errs.Add("from", "auditlog.error.from")
		}
		filter.From = from
	}
	if f.To != "" {
		to, err := form.ParseDate(f.To)
		switch {
		case err != nil:
			errs.Add("to", "auditlog.error.to")
		case !filter.From.IsZero() && to.Before(filter.From):
			errs.Add("to", "auditlog.error.to_before_from")
		default:
			// The whole day of To is included.
			filter.To = to.AddDate(0, 0, 1)
		}
	}
	if page != "" {
		n, err := strconv.Atoi(page)
		if err != nil || n < 1 || n > maxPage {
			errs.Add("page", "auditlog.error.page")
		}
		filter.Page = n
	}
	return filter, errs
}
