package policyweb

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// policyForm is the form of the stored policy.
func policyForm(p policy.Record) AdminPolicyForm {
	return AdminPolicyForm{
		Exists: p.ID != 0, Version: p.Version, Title: p.Title, Language: p.Language, Summary: p.Summary,
		FullText: p.FullText, AdoptedOn: dateInput(p.AdoptedOn), AdoptedBy: p.AdoptedBy,
		ValidFrom: dateInput(p.ValidFrom), ValidUntil: dateInput(p.ValidUntil), Source: p.Source,
	}
}

func (h *Handlers) editPolicy(w http.ResponseWriter, r *http.Request) error {
	v, err := h.storedPolicyView(r)
	if err != nil {
		return err
	}
	return h.renderPolicy(w, r, http.StatusOK, v)
}

// storedPolicyView is the policy page with the policy form as stored (empty,
// in the interface language, when there is none yet).
func (h *Handlers) storedPolicyView(r *http.Request) (AdminPolicyView, error) {
	cur, _, err := h.store().CurrentRecord(r.Context(), workspaceweb.Me(r).MunicipalityID, false)
	if err != nil {
		return AdminPolicyView{}, err
	}
	v := AdminPolicyView{Form: policyForm(cur)}
	if v.Form.Language == "" {
		v.Form.Language = web.L(r).Lang
	}
	return v, nil
}

// renderPolicy renders the policy page; the deadline form shows the stored
// deadline unless v brings it as typed (it then has a state).
func (h *Handlers) renderPolicy(w http.ResponseWriter, r *http.Request, status int, v AdminPolicyView) error {
	ctx := r.Context()
	me := workspaceweb.Me(r)
	st := h.store()
	cur, ok, err := st.CurrentRecord(ctx, me.MunicipalityID, false)
	if err != nil {
		return err
	}
	if v.Deadline.Form.State == "" {
		d, err := st.Deadline(ctx, me.MunicipalityID, false)
		if err != nil {
			return err
		}
		v.Deadline.Form = deadlineForm(d)
	}
	if ok {
		if v.Priorities, v.Rules, err = st.Counts(ctx, cur.ID); err != nil {
			return err
		}
		if v.History, err = h.history(r, "policy", cur.ID); err != nil {
			return err
		}
	}
	l := web.L(r)
	p := h.page(w, r, v.AllErrors(), l.T("adminedit.policy.title"), templates.Crumb{Label: l.T("adminedit.policy.title")})
	return web.Render(w, r, status, AdminPolicyPage(p, v))
}

// parsePolicy validates the typed policy; the checks that need the database
// (every rule's sentence still in the text) come later, in the transaction.
func parsePolicy(f AdminPolicyForm) (policy.Record, form.Errors) {
	var errs form.Errors
	p := policy.Record{
		Title: strings.TrimSpace(f.Title), Language: f.Language, Summary: strings.TrimSpace(f.Summary),
		FullText: strings.TrimSpace(f.FullText), AdoptedBy: strings.TrimSpace(f.AdoptedBy), Source: strings.TrimSpace(f.Source),
	}
	if p.Title == "" {
		errs.Add("title", "adminedit.policy.error.title")
	}
	if !slices.Contains(policy.Languages, p.Language) {
		errs.Add("language", "adminedit.policy.error.language")
	}
	if p.FullText == "" {
		errs.Add("full_text", "adminedit.policy.error.full_text")
	}
	p.AdoptedOn = optionalDate(&errs, "adopted_on", f.AdoptedOn)
	p.ValidFrom = optionalDate(&errs, "valid_from", f.ValidFrom)
	p.ValidUntil = optionalDate(&errs, "valid_until", f.ValidUntil)
	if p.ValidFrom != nil && p.ValidUntil != nil && p.ValidUntil.Before(*p.ValidFrom) {
		errs.Add("valid_until", "adminedit.policy.error.valid_until")
	}
	return p, errs
}

func (h *Handlers) savePolicy(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	me := workspaceweb.Me(r)
	f := AdminPolicyForm{
		Version: version(r), Title: r.PostFormValue("title"), Language: r.PostFormValue("language"),
		Summary: r.PostFormValue("summary"), FullText: r.PostFormValue("full_text"),
		AdoptedOn: r.PostFormValue("adopted_on"), AdoptedBy: r.PostFormValue("adopted_by"),
		ValidFrom: r.PostFormValue("valid_from"), ValidUntil: r.PostFormValue("valid_until"),
		Source: r.PostFormValue("source"),
	}
	rec, errs := parsePolicy(f)
	var cur policy.Record
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		var ok bool
		var err error
		if cur, ok, err = st.CurrentRecord(ctx, me.MunicipalityID, true); err != nil {
			return err
		}
		f.Exists = ok
		if cur.Version != f.Version {
			// Includes a policy created meanwhile by someone else (0 ≠ 1).
			return policy.ErrConflict
		}
		if ok {
			missing, err := st.RulesNotQuoted(ctx, cur.ID, rec.FullText)
			if err != nil {
				return err
			}
			if len(missing) > 0 && rec.FullText != "" {
				errs.Add("full_text", "adminedit.policy.error.rule_sentence", strings.Join(missing, " · "))
			}
		}
		if errs.Any() {
			return policy.ErrInvalid
		}
		if !ok {
			id, err := st.Create(ctx, me.MunicipalityID, rec)
			if err != nil {
				return err
			}
			return st.Record(ctx, entry(r, "policy", id, audit.ActionCreate, audit.Created(rec.Values())))
		}
		changes := audit.Diff(cur.Values(), rec.Values())
		if len(changes) == 0 {
			return policy.ErrUnchanged
		}
		if err := st.Update(ctx, me.MunicipalityID, cur.ID, f.Version, rec); err != nil {
			return err
		}
		return st.Record(ctx, entry(r, "policy", cur.ID, audit.ActionUpdate, changes))
	})
	switch {
	case errors.Is(err, policy.ErrConflict):
		// The form keeps the person's input with the current version, so saving
		// again is a deliberate choice.
		v := AdminPolicyView{Form: f, Errors: errs, Conflict: policyConflict(r, f, policyForm(cur))}
		v.Form.Version, v.Form.Exists = cur.Version, cur.ID != 0
		return h.renderPolicy(w, r, http.StatusConflict, v)
	case errors.Is(err, policy.ErrInvalid):
		return h.renderPolicy(w, r, http.StatusUnprocessableEntity, AdminPolicyView{Form: f, Errors: errs})
	case errors.Is(err, policy.ErrUnchanged):
		return h.Done(w, r, "/staff/policy", "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/policy", "adminedit.policy.flash.saved")
}

func policyConflict(r *http.Request, yours, cur AdminPolicyForm) []templates.ConflictRow {
	l := web.L(r)
	return []templates.ConflictRow{
		conflictRow(l.T("adminedit.policy.field.title"), yours.Title, cur.Title),
		conflictRow(l.T("adminedit.policy.field.language"), l.LanguageName(yours.Language), l.LanguageName(cur.Language)),
		conflictRow(l.T("adminedit.policy.field.summary"), yours.Summary, cur.Summary),
		conflictRow(l.T("adminedit.policy.field.full_text"), yours.FullText, cur.FullText),
		conflictRow(l.T("adminedit.policy.field.adopted_on"), yours.AdoptedOn, cur.AdoptedOn),
		conflictRow(l.T("adminedit.policy.field.adopted_by"), yours.AdoptedBy, cur.AdoptedBy),
		conflictRow(l.T("adminedit.policy.field.valid_from"), yours.ValidFrom, cur.ValidFrom),
		conflictRow(l.T("adminedit.policy.field.valid_until"), yours.ValidUntil, cur.ValidUntil),
		conflictRow(l.T("adminedit.policy.field.source"), yours.Source, cur.Source),
	}
}
