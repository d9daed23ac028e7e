package policyweb

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

func (h *Handlers) createPriority(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	f, p, wanted, errs := parsePriority(r)
	var pol policy.Record
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		var err error
		// Locking the policy orders every change of its priorities' positions.
		if pol, err = requirePolicy(r, st, true); err != nil {
			return err
		}
		if !errs.Has("code") {
			if taken, err := st.PriorityCodeTaken(ctx, pol.ID, 0, p.Code); err != nil {
				return err
			} else if taken {
				errs.Add("code", "adminedit.priorities.error.code_taken")
			}
		}
		if errs.Any() {
			return policy.ErrInvalid
		}
		if p.ID, err = st.CreatePriority(ctx, pol.ID, p); err != nil {
			return err
		}
		if p.Position, err = st.PlaceInKind(ctx, by(r), pol.ID, p.Kind, p.ID, wanted); err != nil {
			return err
		}
		return st.Record(ctx, entry(r, "priority", p.ID, audit.ActionCreate, audit.Created(p.Values())))
	})
	if errors.Is(err, policy.ErrInvalid) {
		return h.renderPriority(w, r, http.StatusUnprocessableEntity, AdminPriorityView{Form: f, Errors: errs, Language: pol.Language})
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, priorityTarget(p.ID), "adminedit.priorities.flash.created")
}

func priorityTarget(id int64) string {
	return "/staff/policy/priorities#priority-" + strconv.FormatInt(id, 10)
}

func (h *Handlers) updatePriority(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	f, p, wanted, errs := parsePriority(r)
	var cur policy.PriorityRecord
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		if _, err := requirePolicy(r, st, true); err != nil {
			return err
		}
		var err error
		if cur, err = priority(r, st, true); err != nil {
			return err
		}
		f.ID, f.Archived = cur.ID, cur.ArchivedAt != nil
		if cur.State() != f.State {
			return policy.ErrConflict
		}
		if !errs.Has("code") {
			if taken, err := st.PriorityCodeTaken(ctx, cur.PolicyID, cur.ID, p.Code); err != nil {
				return err
			} else if taken {
				errs.Add("code", "adminedit.priorities.error.code_taken")
			}
		}
		if errs.Any() {
			return policy.ErrInvalid
		}
		p.ID, p.Position = cur.ID, cur.Position
		if wanted == 0 {
			wanted = cur.Rank
		}
		if p.Kind != cur.Kind {
			// Into the new kind at its end first, then where it was asked to go.
			if err := st.MovePriorityToKind(ctx, cur.PolicyID, cur.ID, p.Kind); err != nil {
				return err
			}
		}
		if err := st.UpdatePriorityText(ctx, cur.ID, p); err != nil {
			return err
		}
		if p.Position, err = st.PlaceInKind(ctx, by(r), cur.PolicyID, p.Kind, cur.ID, wanted); err != nil {
			return err
		}
		if p.Kind != cur.Kind {
			if _, err := st.PlaceInKind(ctx, by(r), cur.PolicyID, cur.Kind, 0, 0); err != nil {
				return err
			}
		}
		changes := audit.Diff(cur.Values(), p.Values())
		if len(changes) == 0 {
			return policy.ErrUnchanged
		}
		return st.Record(ctx, entry(r, "priority", cur.ID, audit.ActionUpdate, changes))
	})
	switch {
	case errors.Is(err, policy.ErrConflict):
		v := AdminPriorityView{Form: f, Errors: errs, Language: cur.PolicyLang, Conflict: priorityConflict(r, f, priorityForm(cur))}
		v.Form.State = cur.State()
		return h.renderPriority(w, r, http.StatusConflict, v)
	case errors.Is(err, policy.ErrInvalid):
		return h.renderPriority(w, r, http.StatusUnprocessableEntity, AdminPriorityView{Form: f, Errors: errs, Language: cur.PolicyLang})
	case errors.Is(err, policy.ErrUnchanged):
		return h.Done(w, r, priorityTarget(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, priorityTarget(cur.ID), "adminedit.priorities.flash.saved")
}

func priorityConflict(r *http.Request, yours, cur AdminPriorityForm) []templates.ConflictRow {
	l := web.L(r)
	return []templates.ConflictRow{
		conflictRow(l.T("adminedit.priorities.field.kind"), AdminPriorityKind(l, yours.Kind), AdminPriorityKind(l, cur.Kind)),
		conflictRow(l.T("adminedit.field.code"), yours.Code, cur.Code),
		conflictRow(l.T("adminedit.priorities.field.title"), yours.Title, cur.Title),
		conflictRow(l.T("adminedit.priorities.field.description"), yours.Description, cur.Description),
		conflictRow(l.T("adminedit.priorities.field.position"), yours.Position, cur.Position),
		conflictRow(l.T("adminedit.field.archived"), templates.YesNo(l, yours.Archived), templates.YesNo(l, cur.Archived)),
	}
}

// movePriority moves an active priority one place up or down within its kind.
func (h *Handlers) movePriority(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	direction := r.PostFormValue("direction")
	if direction != "up" && direction != "down" {
		return web.BadRequest("adminedit.priorities.error.direction", nil)
	}
	var id int64
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		if _, err := requirePolicy(r, st, true); err != nil {
			return err
		}
		cur, err := priority(r, st, true)
		if err != nil {
			return err
		}
		id = cur.ID
		if cur.ArchivedAt != nil {
			return policy.ErrUnchanged
		}
		above, below, err := st.Neighbours(ctx, cur)
		if err != nil {
			return err
		}
		wanted := above // 1-based: one place up
		if direction == "down" {
			if below == 0 {
				return policy.ErrUnchanged
			}
			wanted = above + 2
		} else if above == 0 {
			return policy.ErrUnchanged
		}
		pos, err := st.PlaceInKind(ctx, by(r), cur.PolicyID, cur.Kind, cur.ID, wanted)
		if err != nil {
			return err
		}
		changes := audit.Diff(map[string]any{"position": cur.Position}, map[string]any{"position": pos})
		if len(changes) == 0 {
			return policy.ErrUnchanged
		}
		return st.Record(ctx, entry(r, "priority", cur.ID, audit.ActionUpdate, changes))
	})
	if errors.Is(err, policy.ErrUnchanged) {
		return h.Done(w, r, priorityTarget(id), "adminedit.flash.unchanged")
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, priorityTarget(id), "adminedit.priorities.flash.moved")
}

func (h *Handlers) archivePriority(w http.ResponseWriter, r *http.Request) error {
	return h.setPriorityArchived(w, r, true)
}

func (h *Handlers) restorePriority(w http.ResponseWriter, r *http.Request) error {
	return h.setPriorityArchived(w, r, false)
}

// setPriorityArchived archives a priority (it stays linked to the trips,
// agreements and projects that name it, but is no longer offered) or restores it.
func (h *Handlers) setPriorityArchived(w http.ResponseWriter, r *http.Request, archive bool) error {
	ctx := r.Context()
	var id int64
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		if _, err := requirePolicy(r, st, true); err != nil {
			return err
		}
		cur, err := priority(r, st, true)
		if err != nil {
			return err
		}
		id = cur.ID
		return st.SetArchived(ctx, by(r), "priority", cur.ID, cur.ArchivedAt, archive)
	})
	if errors.Is(err, policy.ErrUnchanged) {
		return h.Done(w, r, priorityTarget(id), "adminedit.flash.unchanged")
	}
	if err != nil {
		return err
	}
	if archive {
		return h.Done(w, r, priorityTarget(id), "adminedit.priorities.flash.archived")
	}
	return h.Done(w, r, priorityTarget(id), "adminedit.priorities.flash.restored")
}
