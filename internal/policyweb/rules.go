package policyweb

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// ruleForm is the form of a stored rule.
func ruleForm(p policy.RuleRecord) AdminRuleForm {
	return AdminRuleForm{
		ID: p.ID, State: p.State(), Kind: p.Kind, Enforcement: p.Enforcement, Parameters: prettyJSON(p.Parameters),
		SourceSentence: p.SourceSentence, Description: p.Description, Archived: p.ArchivedAt != nil,
	}
}

func prettyJSON(m map[string]any) string {
	if len(m) == 0 {
		return "{}"
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return "{}"
	}
	return string(b)
}

// rule returns the rule {id} of the current policy of the administrator's
// municipality; any other is not found.
func rule(r *http.Request, st *policy.Store, lock bool) (policy.RuleRecord, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return policy.RuleRecord{}, err
	}
	p, err := st.RuleRecord(r.Context(), workspaceweb.Me(r).MunicipalityID, id, lock)
	if errors.Is(err, policy.ErrRuleNotFound) {
		return p, web.NotFound(err)
	}
	return p, err
}

func (h *Handlers) rules(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st := h.store()
	pol, err := requirePolicy(r, st, false)
	if err != nil {
		return err
	}
	list, err := st.RuleRecords(ctx, workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	v := AdminRulesView{PolicyTitle: pol.Title, Language: pol.Language}
	for _, p := range list {
		item := AdminRuleItem{ID: p.ID, Kind: p.Kind, Enforcement: p.Enforcement,
			SourceSentence: p.SourceSentence, Description: p.Description, DescriptionLang: p.DescriptionLang,
			Archived: p.ArchivedAt != nil}
		v.Rules = append(v.Rules, item)
	}
	l := web.L(r)
	p := h.page(w, r, nil, l.T("adminedit.rules.title"),
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"}, templates.Crumb{Label: l.T("adminedit.rules.title")})
	return web.Render(w, r, http.StatusOK, AdminRulesPage(p, v))
}

func (h *Handlers) newRule(w http.ResponseWriter, r *http.Request) error {
	pol, err := requirePolicy(r, h.store(), false)
	if err != nil {
		return err
	}
	return h.renderRule(w, r, http.StatusOK, AdminRuleView{
		Form:     AdminRuleForm{Kind: policy.RuleKinds[0].Kind, Enforcement: "warn", Parameters: "{}"},
		Language: pol.Language, PolicyText: pol.FullText,
	})
}

func (h *Handlers) editRule(w http.ResponseWriter, r *http.Request) error {
	p, err := rule(r, h.store(), false)
	if err != nil {
		return err
	}
	return h.renderRule(w, r, http.StatusOK, AdminRuleView{Form: ruleForm(p), Language: p.PolicyLang, PolicyText: p.PolicyText})
}

func (h *Handlers) renderRule(w http.ResponseWriter, r *http.Request, status int, v AdminRuleView) error {
	l := web.L(r)
	title := l.T("adminedit.rules.new")
	if v.Form.ID != 0 {
		var err error
		if v.History, err = h.history(r, "policy_rule", v.Form.ID); err != nil {
			return err
		}
		title = l.T("adminedit.rules.edit", AdminRuleKindName(l, v.Form.Kind))
	}
	v.Kinds = policy.RuleKinds
	p := h.page(w, r, v.Errors, title,
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"},
		templates.Crumb{Label: l.T("adminedit.rules.title"), Href: "/staff/policy/rules"},
		templates.Crumb{Label: title})
	return web.Render(w, r, status, AdminRulePage(p, v))
}

// parseRule reads the typed rule; whether its sentence is in the policy text is
// checked against the policy in the transaction.
func parseRule(r *http.Request) (AdminRuleForm, policy.RuleRecord, form.Errors) {
	f := AdminRuleForm{
		State: r.PostFormValue("state"), Kind: r.PostFormValue("kind"), Enforcement: r.PostFormValue("enforcement"),
		Parameters: r.PostFormValue("parameters"), SourceSentence: r.PostFormValue("source_sentence"),
		Description: r.PostFormValue("description"),
	}
	var errs form.Errors
	p := policy.RuleRecord{Kind: f.Kind, Enforcement: f.Enforcement, SourceSentence: policy.NormalizeSpace(f.SourceSentence),
		Description: strings.TrimSpace(f.Description)}
	if !policy.ValidRuleKind(p.Kind) {
		errs.Add("kind", "adminedit.rules.error.kind")
	}
	if !slices.Contains(policy.Enforcements, p.Enforcement) {
		errs.Add("enforcement", "adminedit.rules.error.enforcement")
	} else if k, ok := policy.LookupKind(p.Kind); ok && !k.Allows(p.Enforcement) {
		// The label must be one the kind's check keeps (see policy.RuleKinds).
		errs.Add("enforcement", "policyversion.error.label", labelList(k))
	}
	params := strings.TrimSpace(f.Parameters)
	if params == "" {
		params = "{}"
	}
	var err error
	if p.Parameters, err = policy.ParseObject(params); err != nil {
		errs.Add("parameters", "adminedit.rules.error.parameters")
	} else if k, ok := policy.LookupKind(p.Kind); ok {
		if err := k.CheckParams(p.Parameters); err != nil {
			errs.Add("parameters", "policyversion.error.parameters", err.Error())
		}
	}
	if p.SourceSentence == "" {
		errs.Add("source_sentence", "adminedit.rules.error.sentence_required")
	}
	return f, p, errs
}

// checkRule adds the errors only the database can tell: the sentence must occur
// in the policy's text, a body the parameters name must be one of the
// municipality's recorded bodies, and a policy has one rule of each kind.
func checkRule(ctx context.Context, st *policy.Store, errs *form.Errors, municipalityID int64, pol policy.Record, p policy.RuleRecord) error {
	if p.SourceSentence != "" && !policy.Quotes(pol.FullText, p.SourceSentence) {
		errs.Add("source_sentence", "adminedit.rules.error.sentence_not_in_text")
	}
	if errs.Has("kind") {
		return nil
	}
	if k, _ := policy.LookupKind(p.Kind); !errs.Has("parameters") {
		names, err := st.BodyNames(ctx, municipalityID)
		if err != nil {
			return err
		}
		unknownBody(errs, "parameters", k, p.Parameters, names)
	}
	taken, archived, err := st.KindTaken(ctx, pol.ID, p.Kind, p.ID)
	switch {
	case err != nil:
		return err
	case !taken:
	case archived:
		errs.Add("kind", "adminedit.rules.error.kind_taken_archived")
	default:
		errs.Add("kind", "adminedit.rules.error.kind_taken")
	}
	return nil
}

func (h *Handlers) createRule(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	f, p, errs := parseRule(r)
	var pol policy.Record
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		var err error
		if pol, err = requirePolicy(r, st, true); err != nil {
			return err
		}
		if err := checkRule(ctx, st, &errs, workspaceweb.Me(r).MunicipalityID, pol, p); err != nil {
			return err
		}
		if errs.Any() {
			return policy.ErrInvalid
		}
		if p.ID, err = st.CreateRule(ctx, pol.ID, p); err != nil {
			return err
		}
		return st.Record(ctx, entry(r, "policy_rule", p.ID, audit.ActionCreate, audit.Created(p.Values())))
	})
	if errors.Is(err, policy.ErrInvalid) {
		return h.renderRule(w, r, http.StatusUnprocessableEntity, AdminRuleView{Form: f, Errors: errs, Language: pol.Language, PolicyText: pol.FullText})
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, ruleTarget(p.ID), "adminedit.rules.flash.created")
}

func ruleTarget(id int64) string { return "/staff/policy/rules#rule-" + strconv.FormatInt(id, 10) }

func (h *Handlers) updateRule(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	f, p, errs := parseRule(r)
	var cur policy.RuleRecord
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		pol, err := requirePolicy(r, st, true)
		if err != nil {
			return err
		}
		if cur, err = rule(r, st, true); err != nil {
			return err
		}
		f.ID, f.Archived = cur.ID, cur.ArchivedAt != nil
		if cur.State() != f.State {
			return policy.ErrConflict
		}
		p.ID = cur.ID
		if err := checkRule(ctx, st, &errs, workspaceweb.Me(r).MunicipalityID, pol, p); err != nil {
			return err
		}
		if errs.Any() {
			return policy.ErrInvalid
		}
		changes := audit.Diff(cur.Values(), p.Values())
		if len(changes) == 0 {
			return policy.ErrUnchanged
		}
		if err := st.UpdateRule(ctx, cur.ID, p); err != nil {
			return err
		}
		return st.Record(ctx, entry(r, "policy_rule", cur.ID, audit.ActionUpdate, changes))
	})
	switch {
	case errors.Is(err, policy.ErrConflict):
		v := AdminRuleView{Form: f, Errors: errs, Language: cur.PolicyLang, PolicyText: cur.PolicyText,
			Conflict: ruleConflict(r, f, ruleForm(cur))}
		v.Form.State = cur.State()
		return h.renderRule(w, r, http.StatusConflict, v)
	case errors.Is(err, policy.ErrInvalid):
		return h.renderRule(w, r, http.StatusUnprocessableEntity, AdminRuleView{Form: f, Errors: errs, Language: cur.PolicyLang, PolicyText: cur.PolicyText})
	case errors.Is(err, policy.ErrUnchanged):
		return h.Done(w, r, ruleTarget(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, ruleTarget(cur.ID), "adminedit.rules.flash.saved")
}

func ruleConflict(r *http.Request, yours, cur AdminRuleForm) []templates.ConflictRow {
	l := web.L(r)
	return []templates.ConflictRow{
		conflictRow(l.T("adminedit.rules.field.kind"), AdminRuleKindName(l, yours.Kind), AdminRuleKindName(l, cur.Kind)),
		conflictRow(l.T("adminedit.rules.field.enforcement"), AdminEnforcement(l, yours.Enforcement), AdminEnforcement(l, cur.Enforcement)),
		conflictRow(l.T("adminedit.rules.field.parameters"), yours.Parameters, cur.Parameters),
		conflictRow(l.T("adminedit.rules.field.source_sentence"), yours.SourceSentence, cur.SourceSentence),
		conflictRow(l.T("adminedit.rules.field.description"), yours.Description, cur.Description),
		conflictRow(l.T("adminedit.field.archived"), templates.YesNo(l, yours.Archived), templates.YesNo(l, cur.Archived)),
	}
}

func (h *Handlers) archiveRule(w http.ResponseWriter, r *http.Request) error {
	return h.setRuleArchived(w, r, true)
}

func (h *Handlers) restoreRule(w http.ResponseWriter, r *http.Request) error {
	return h.setRuleArchived(w, r, false)
}

// setRuleArchived archives a rule (the portal stops applying it) or restores it;
// a restored rule must still quote the policy text.
func (h *Handlers) setRuleArchived(w http.ResponseWriter, r *http.Request, archive bool) error {
	ctx := r.Context()
	var cur policy.RuleRecord
	err := h.store().Transact(ctx, func(st *policy.Store) error {
		if _, err := requirePolicy(r, st, true); err != nil {
			return err
		}
		var err error
		if cur, err = rule(r, st, true); err != nil {
			return err
		}
		if !archive && !policy.Quotes(cur.PolicyText, cur.SourceSentence) {
			return policy.ErrInvalid
		}
		return st.SetArchived(ctx, by(r), "policy_rule", cur.ID, cur.ArchivedAt, archive)
	})
	switch {
	case errors.Is(err, policy.ErrInvalid):
		var errs form.Errors
		errs.Add("source_sentence", "adminedit.rules.error.sentence_not_in_text")
		return h.renderRule(w, r, http.StatusUnprocessableEntity, AdminRuleView{Form: ruleForm(cur), Errors: errs, Language: cur.PolicyLang, PolicyText: cur.PolicyText})
	case errors.Is(err, policy.ErrUnchanged):
		return h.Done(w, r, ruleTarget(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	if archive {
		return h.Done(w, r, ruleTarget(cur.ID), "adminedit.rules.flash.archived")
	}
	return h.Done(w, r, ruleTarget(cur.ID), "adminedit.rules.flash.restored")
}
