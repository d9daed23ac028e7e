package tripweb

// Politicians decide on trip plans and trip reports of their municipality here,
// and every lifecycle step is posted here: the queue (oldest first, with the
// policy warnings), the review page with costs against the budget line, and the
// action endpoint that runs the trip lifecycle.

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/body"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// maxComment bounds a reviewer's comment, as the trip form bounds a trip's purpose:
// enough to say what needs to change, not a place for documents.
const maxComment = 2000

// reviewQueue is GET /staff/review: the plans and reports awaiting a decision.
func (h *Handlers) reviewQueue(w http.ResponseWriter, r *http.Request) error {
	me := workspaceweb.Me(r)
	queue, err := h.store().ReviewQueue(r.Context(), me.MunicipalityID, trip.Actor{ID: me.ID, Role: me.Role}, h.Now())
	if err != nil {
		return err
	}
	items := make([]ReviewItem, len(queue))
	for i, it := range queue {
		items[i].QueueItem = it
		if items[i].Warnings, err = policy.NewStore(h.Pool).TripWarnings(r.Context(), it.ID); err != nil {
			return err
		}
	}
	l := web.L(r)
	return web.Render(w, r, http.StatusOK, ReviewQueuePage(h.Page(w, r, l.T("review.queue.title"), templates.Crumb{Label: l.T("review.queue.title")}), items))
}

// reviewTrip reads {id} as a trip of the signed-in person's municipality in full.
func (h *Handlers) reviewTrip(r *http.Request) (trip.Trip, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return trip.Trip{}, err
	}
	t, err := h.store().InMunicipality(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, trip.ErrNotFound) {
		return t, web.NotFound(err)
	}
	return t, err
}

// reviewPage is GET /staff/review/{id}.
func (h *Handlers) reviewPage(w http.ResponseWriter, r *http.Request) error {
	t, err := h.reviewTrip(r)
	if err != nil {
		return err
	}
	return h.renderReview(w, r, http.StatusOK, t, decisionInput{}, nil, nil)
}

// decisionInput is what the decision form holds: the comment and, for a
// committee's decision, its meeting date and minutes reference.
type decisionInput struct {
	Comment, MeetingOn, Minutes string
}

func (h *Handlers) renderReview(w http.ResponseWriter, r *http.Request, status int, t trip.Trip, in decisionInput, refusal []Reason, errs form.Errors) error {
	me := workspaceweb.Me(r)
	v := ReviewView{Trip: t, Comment: in.Comment, MeetingOn: in.MeetingOn, Minutes: in.Minutes, Refusal: refusal, Errors: errs}
	facts, err := h.store().Facts(r.Context(), me.MunicipalityID, t.ID, h.Now())
	if err != nil {
		return err
	}
	v.Lapsed = facts.Lapsed
	bodies, err := h.store().ActorBodies(r.Context(), me.ID)
	if err != nil {
		return err
	}
	v.Actions = trip.Available(facts, trip.Actor{ID: me.ID, Role: me.Role, Bodies: bodies})
	for _, a := range v.Actions {
		if facts.DecisionByCommittee(a) {
			ap := facts.PlanApproval
			if a == trip.ApproveReport {
				ap = facts.ReportApproval
			}
			b, err := body.NewStore(h.Pool).Get(r.Context(), me.MunicipalityID, ap.BodyID)
			if err != nil {
				return err
			}
			v.Committee = b.Name
		}
	}
	if v.Warnings, err = policy.NewStore(h.Pool).TripWarnings(r.Context(), t.ID); err != nil {
		return err
	}
	x, err := h.store().Extras(r.Context(), t.ID)
	if err != nil {
		return err
	}
	v.Transitions = x.Transitions
	rec, err := h.store().Record(r.Context(), me.MunicipalityID, t.ID)
	if err != nil {
		return err
	}
	v.CreatedAt, v.AuthorName = rec.CreatedAt, rec.AuthorName
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
	title := t.Heading()
	if t.Reference != "" {
		title = t.Reference + " · " + t.Heading()
	}
	head := title
	if errs.Any() {
		head = l.T("form.title_error", title)
	}
	p := h.Page(w, r, head, templates.Crumb{Label: l.T("review.queue.title"), Href: "/staff/review"}, templates.Crumb{Label: title, Lang: t.Language})
	return web.Render(w, r, status, ReviewPage(p, v))
}

// act takes a lifecycle step on a trip: a refusal comes back on the review page
// with its reasons (422), a role that may never take it gets 403, success goes
// back where the person came from with a message.
func (h *Handlers) act(w http.ResponseWriter, r *http.Request) error {
	t, err := h.reviewTrip(r)
	if err != nil {
		return err
	}
	if err := web.ParseForm(r); err != nil {
		return err
	}
	me := workspaceweb.Me(r)
	action := r.PostFormValue("action")
	comment := strings.TrimSpace(r.PostFormValue("comment"))
	in := decisionInput{Comment: comment, MeetingOn: strings.TrimSpace(r.PostFormValue("meeting_on")),
		Minutes: strings.TrimSpace(r.PostFormValue("minutes"))}
	if !slices.Contains(trip.Actions, action) {
		return web.BadRequest("review.error.action", nil)
	}
	if n := utf8.RuneCountInString(comment); n > maxComment {
		var errs form.Errors
		errs.Add("comment", "review.error.comment_too_long", maxComment, n)
		return h.renderReview(w, r, http.StatusUnprocessableEntity, t, in, nil, errs)
	}
	var d trip.Decision
	if in.MeetingOn != "" {
		day, err := form.ParseDate(in.MeetingOn)
		if err != nil || day.After(h.Now()) {
			var errs form.Errors
			errs.Add("meeting_on", "review.error.meeting_on")
			return h.renderReview(w, r, http.StatusUnprocessableEntity, t, in, nil, errs)
		}
		d.MeetingOn = day
	}
	d.Minutes = in.Minutes
	res, err := h.store().ApplyDecision(r.Context(), me.MunicipalityID, t.ID, action, trip.Actor{ID: me.ID, Role: me.Role}, comment, d, h.Now())
	var refusal *trip.Refusal
	switch {
	case errors.As(err, &refusal):
		if slices.Contains(refusal.Keys, "lifecycle.refused.role") {
			return &web.Error{Status: http.StatusForbidden, Key: "lifecycle.refused.role"}
		}
		// What the committee's decision lacks goes beside its field.
		var errs form.Errors
		var rest []string
		for _, k := range refusal.Keys {
			switch k {
			case "lifecycle.missing.meeting_on":
				errs.Add("meeting_on", k)
			case "lifecycle.missing.minutes":
				errs.Add("minutes", k)
			default:
				rest = append(rest, k)
			}
		}
		return h.renderReview(w, r, http.StatusUnprocessableEntity, t, in, reasons(refusal, rest), errs)
	case errors.Is(err, trip.ErrNotFound):
		return web.NotFound(err)
	case err != nil:
		return err
	}
	// A reviewer goes back to the queue; the author's side to the trip.
	target := "/staff/review"
	if !me.Can(access.TripApprove) {
		target = "/staff/trips/" + chi.URLParam(r, "id")
	}
	key, args, err := h.outcome(r, t.ID, action, res)
	if err != nil {
		return err
	}
	return h.Done(w, r, target, key, args...)
}
