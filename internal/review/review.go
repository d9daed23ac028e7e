// Package review is where politicians decide on trip plans and trip reports of
// their municipality, and where every lifecycle step is posted: the queue (oldest
// first, with the policy warnings), the review page with costs against the budget
// line, and the action endpoint that runs internal/lifecycle.
package review

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/lifecycle"
	"github.com/municipal-intl/portal/internal/policycheck"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// maxComment bounds a reviewer's comment, as tripedit bounds a trip's purpose:
// enough to say what needs to change, not a place for documents.
const maxComment = 2000

// Handlers serves /staff/review and /staff/lifecycle.
type Handlers struct{ staffweb.Base }

// Routes registers the pages under /staff.
func (h *Handlers) Routes(r chi.Router) {
	r.Group(func(r chi.Router) {
		r.Use(h.Auth.Require(access.ReviewView))
		r.Get("/review", h.Site.Handle(h.queue))
		r.Get("/review/{id}", h.Site.Handle(h.page))
	})
	r.Post("/lifecycle/{id}", h.Site.Handle(h.act))
}

func (h *Handlers) queue(w http.ResponseWriter, r *http.Request) error {
	me := staffweb.Me(r)
	rows, err := h.Pool.Query(r.Context(), `
SELECT t.id, coalesce(t.reference, ''), t.purpose, t.status, t.organiser,
       coalesce((SELECT max(at) FROM trip_transition tt WHERE tt.trip_id = t.id AND tt.action IN ('submit', 'submit_report')), t.updated_at),
       coalesce(a.name, '')
FROM trip t LEFT JOIN account a ON a.id = t.author_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND t.status IN ('submitted', 'report_submitted')
ORDER BY 6`, me.MunicipalityID)
	if err != nil {
		return err
	}
	items, err := pgx.CollectRows(rows, pgx.RowToStructByPos[templates.ReviewItem])
	if err != nil {
		return err
	}
	for i := range items {
		if items[i].Warnings, err = policycheck.TripWarnings(r.Context(), h.Pool, items[i].ID); err != nil {
			return err
		}
	}
	l := web.L(r)
	return web.Render(w, r, http.StatusOK, templates.ReviewQueuePage(h.Page(w, r, l.T("review.queue.title"), templates.Crumb{Label: l.T("review.queue.title")}), items))
}

func (h *Handlers) load(r *http.Request) (trip.Trip, error) {
	id, err := staffweb.ID(r, "id")
	if err != nil {
		return trip.Trip{}, err
	}
	t, err := trip.NewStore(h.Pool).InMunicipality(r.Context(), staffweb.Me(r).MunicipalityID, id)
	if errors.Is(err, trip.ErrNotFound) {
		return t, web.NotFound(err)
	}
	return t, err
}

func (h *Handlers) page(w http.ResponseWriter, r *http.Request) error {
	t, err := h.load(r)
	if err != nil {
		return err
	}
	return h.render(w, r, http.StatusOK, t, "", nil, nil)
}

func (h *Handlers) render(w http.ResponseWriter, r *http.Request, status int, t trip.Trip, comment string, refusal []string, errs form.Errors) error {
	me := staffweb.Me(r)
	v := templates.ReviewView{Trip: t, Comment: comment, Refusal: refusal, Errors: errs}
	travellers, err := lifecycle.TravellerAccounts(r.Context(), h.Pool, t.ID)
	if err != nil {
		return err
	}
	v.Actions = lifecycle.Available(lifecycle.Facts{Status: t.Status, AuthorID: t.AuthorID, TravellerAccounts: travellers}, lifecycle.Actor{ID: me.ID, Role: me.Role})
	if v.Warnings, err = policycheck.TripWarnings(r.Context(), h.Pool, t.ID); err != nil {
		return err
	}
	if t.BudgetLine != nil {
		sheet, err := budget.NewStore(h.Pool).Sheet(r.Context(), me.MunicipalityID, me.Country, t.BudgetLine.FiscalYear)
		if err != nil {
			return err
		}
		for _, row := range sheet.Rows {
			if row.ID == t.BudgetLine.ID {
				v.Line = &row
			}
		}
	}
	l := web.L(r)
	title := t.Purpose
	if t.Reference != "" {
		title = t.Reference + " · " + t.Purpose
	}
	head := title
	if errs.Any() {
		head = l.T("form.title_error", title)
	}
	p := h.Page(w, r, head, templates.Crumb{Label: l.T("review.queue.title"), Href: "/staff/review"}, templates.Crumb{Label: title})
	return web.Render(w, r, status, templates.ReviewPage(p, v))
}

// act takes a lifecycle step on a trip: a refusal comes back on the review page
// with its reasons (422), a role that may never take it gets 403, success goes
// back where the person came from with a message.
func (h *Handlers) act(w http.ResponseWriter, r *http.Request) error {
	t, err := h.load(r)
	if err != nil {
		return err
	}
	me := staffweb.Me(r)
	action := r.PostFormValue("action")
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	if !slices.Contains(lifecycle.Actions, action) {
		return web.BadRequest("review.error.action", nil)
	}
	if n := utf8.RuneCountInString(comment); n > maxComment {
		var errs form.Errors
		errs.Add("comment", "review.error.comment_too_long", maxComment, n)
		return h.render(w, r, http.StatusUnprocessableEntity, t, comment, nil, errs)
	}
	_, err = lifecycle.Apply(r.Context(), h.Pool, me.MunicipalityID, t.ID, action, lifecycle.Actor{ID: me.ID, Role: me.Role}, comment, h.Now())
	var refusal *lifecycle.Refusal
	switch {
	case errors.As(err, &refusal):
		if slices.Contains(refusal.Keys, "lifecycle.refused.role") {
			return &web.Error{Status: http.StatusForbidden, Key: "lifecycle.refused.role"}
		}
		return h.render(w, r, http.StatusUnprocessableEntity, t, comment, refusal.Keys, nil)
	case errors.Is(err, lifecycle.ErrNotFound):
		return web.NotFound(err)
	case err != nil:
		return err
	}
	// A reviewer goes back to the queue; the author's side to the trip.
	target := "/staff/review"
	if !me.Can(access.TripApprove) {
		target = "/staff/trips/" + chi.URLParam(r, "id")
	}
	return h.Done(w, r, target, "review.flash.done")
}
