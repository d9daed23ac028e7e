package adminedit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// ruleKinds are the kinds of policy rule the portal knows, as the schema allows
// them, each with the parameters its checks read (shown as a hint).
var ruleKinds = []templates.AdminRuleKind{
	{Kind: "no_new_twin_town_agreements", Example: `{"agreement_type": "twin_town_agreement", "allowed_types": ["cooperation_agreement", "declaration", "convention"]}`},
	{Kind: "twin_city_requires_council_decision", Example: `{"partnership_kind": "twin_town", "decided_by": "…"}`},
	{Kind: "twin_city_meeting_rotation", Example: `{"interval_years": 2, "cities": ["…", "…"]}`},
	{Kind: "host_every_nth_meeting", Example: `{"host": "…", "every_years": 8}`},
	{Kind: "evaluation_after_hosting", Example: `{"host": "…", "report": "…"}`},
	{Kind: "report_approval_before_publication", Example: `{"approver": "committee", "applies_to": "committee_trips", "report_covers": ["goal", "outcome"]}`},
	{Kind: "inform_office_of_cooperation", Example: `{"office": "…"}`},
	{Kind: "publish_trips_with_accounts", Example: `{"publish": ["programme", "accounts"], "travellers": ["` + trip.KindPolitician + `", "` + trip.KindStaff + `"]}`},
}

func validRuleKind(kind string) bool {
	return slices.ContainsFunc(ruleKinds, func(k templates.AdminRuleKind) bool { return k.Kind == kind })
}

var enforcements = []string{"enforce", "warn", "inform"}

// ruleRecord is one stored rule of the current policy.
type ruleRecord struct {
	ID, PolicyID                int64
	Kind, Enforcement           string
	Parameters                  map[string]any
	SourceSentence, Description string
	ArchivedAt                  *time.Time
	PolicyLang, PolicyText      string
}

func (p ruleRecord) values() map[string]any {
	return map[string]any{"kind": p.Kind, "enforcement": p.Enforcement, "parameters": p.Parameters,
		"source_sentence": p.SourceSentence, "description": p.Description}
}

func (p ruleRecord) state() string {
	v := p.values()
	v["archived"] = p.ArchivedAt != nil
	return fingerprint(v)
}

func (p ruleRecord) form() templates.AdminRuleForm {
	return templates.AdminRuleForm{
		ID: p.ID, State: p.state(), Kind: p.Kind, Enforcement: p.Enforcement, Parameters: prettyJSON(p.Parameters),
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

// parseObject reads a JSON object, numbers kept exact.
func parseObject(s string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("not an object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data after the object")
	}
	return m, nil
}

const selectRule = `
SELECT r.id, r.policy_id, r.kind, r.enforcement, r.parameters, r.source_sentence, r.description, r.archived_at,
       pol.language, pol.full_text
FROM policy_rule r JOIN policy pol ON pol.id = r.policy_id
WHERE pol.municipality_id = $1 AND pol.archived_at IS NULL`

func scanRule(row pgx.Row) (ruleRecord, error) {
	var p ruleRecord
	var params []byte
	err := row.Scan(&p.ID, &p.PolicyID, &p.Kind, &p.Enforcement, &params, &p.SourceSentence, &p.Description,
		&p.ArchivedAt, &p.PolicyLang, &p.PolicyText)
	if err != nil {
		return p, err
	}
	if p.Parameters, err = parseObject(string(params)); err != nil {
		return p, fmt.Errorf("parameters of rule %d: %w", p.ID, err)
	}
	return p, nil
}

// rule returns the rule {id} of the current policy of the administrator's
// municipality; any other is not found.
func (h *Handlers) rule(r *http.Request, q querier, lock bool) (ruleRecord, error) {
	id, err := staffweb.ID(r, "id")
	if err != nil {
		return ruleRecord{}, err
	}
	sql := selectRule + ` AND r.id = $2`
	if lock {
		sql += ` FOR UPDATE OF r`
	}
	p, err := scanRule(q.QueryRow(r.Context(), sql, staffweb.Me(r).MunicipalityID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, web.NotFound(err)
	}
	if err != nil {
		return p, fmt.Errorf("policy rule %d: %w", id, err)
	}
	return p, nil
}

func (h *Handlers) rules(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pol, err := h.requirePolicy(ctx, h.Pool, r, false)
	if err != nil {
		return err
	}
	rows, err := h.Pool.Query(ctx, selectRule+` ORDER BY r.archived_at IS NOT NULL, r.id`, staffweb.Me(r).MunicipalityID)
	if err != nil {
		return fmt.Errorf("list policy rules: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (ruleRecord, error) { return scanRule(row) })
	if err != nil {
		return fmt.Errorf("list policy rules: %w", err)
	}
	v := templates.AdminRulesView{PolicyTitle: pol.Title, Language: pol.Language}
	for _, p := range list {
		item := templates.AdminRuleItem{ID: p.ID, Kind: p.Kind, Enforcement: p.Enforcement,
			SourceSentence: p.SourceSentence, Description: p.Description, Archived: p.ArchivedAt != nil}
		v.Rules = append(v.Rules, item)
	}
	l := web.L(r)
	p := h.page(w, r, nil, l.T("adminedit.rules.title"),
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"}, templates.Crumb{Label: l.T("adminedit.rules.title")})
	return web.Render(w, r, http.StatusOK, templates.AdminRulesPage(p, v))
}

func (h *Handlers) newRule(w http.ResponseWriter, r *http.Request) error {
	pol, err := h.requirePolicy(r.Context(), h.Pool, r, false)
	if err != nil {
		return err
	}
	return h.renderRule(w, r, http.StatusOK, templates.AdminRuleView{
		Form:     templates.AdminRuleForm{Kind: ruleKinds[0].Kind, Enforcement: "warn", Parameters: "{}"},
		Language: pol.Language, PolicyText: pol.FullText,
	})
}

func (h *Handlers) editRule(w http.ResponseWriter, r *http.Request) error {
	p, err := h.rule(r, h.Pool, false)
	if err != nil {
		return err
	}
	return h.renderRule(w, r, http.StatusOK, templates.AdminRuleView{Form: p.form(), Language: p.PolicyLang, PolicyText: p.PolicyText})
}

func (h *Handlers) renderRule(w http.ResponseWriter, r *http.Request, status int, v templates.AdminRuleView) error {
	l := web.L(r)
	title := l.T("adminedit.rules.new")
	if v.Form.ID != 0 {
		var err error
		if v.History, err = history(r, h.Pool, "policy_rule", v.Form.ID); err != nil {
			return err
		}
		title = l.T("adminedit.rules.edit", templates.AdminRuleKindName(l, v.Form.Kind))
	}
	v.Kinds = ruleKinds
	p := h.page(w, r, v.Errors, title,
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"},
		templates.Crumb{Label: l.T("adminedit.rules.title"), Href: "/staff/policy/rules"},
		templates.Crumb{Label: title})
	return web.Render(w, r, status, templates.AdminRulePage(p, v))
}

// parseRule reads the typed rule; whether its sentence is in the policy text is
// checked against the policy in the transaction.
func parseRule(r *http.Request) (templates.AdminRuleForm, ruleRecord, form.Errors) {
	f := templates.AdminRuleForm{
		State: r.PostFormValue("state"), Kind: r.PostFormValue("kind"), Enforcement: r.PostFormValue("enforcement"),
		Parameters: r.PostFormValue("parameters"), SourceSentence: r.PostFormValue("source_sentence"),
		Description: r.PostFormValue("description"),
	}
	var errs form.Errors
	p := ruleRecord{Kind: f.Kind, Enforcement: f.Enforcement, SourceSentence: normalizeSpace(f.SourceSentence),
		Description: strings.TrimSpace(f.Description)}
	if !validRuleKind(p.Kind) {
		errs.Add("kind", "adminedit.rules.error.kind")
	}
	if !slices.Contains(enforcements, p.Enforcement) {
		errs.Add("enforcement", "adminedit.rules.error.enforcement")
	}
	params := strings.TrimSpace(f.Parameters)
	if params == "" {
		params = "{}"
	}
	var err error
	if p.Parameters, err = parseObject(params); err != nil {
		errs.Add("parameters", "adminedit.rules.error.parameters")
	}
	if p.SourceSentence == "" {
		errs.Add("source_sentence", "adminedit.rules.error.sentence_required")
	}
	return f, p, errs
}

// checkRule adds the errors only the database can tell: the sentence must occur
// in the policy's text, and a policy has one rule of each kind.
func checkRule(ctx context.Context, q querier, errs *form.Errors, pol policyRecord, p ruleRecord) error {
	if p.SourceSentence != "" && !quotes(pol.FullText, p.SourceSentence) {
		errs.Add("source_sentence", "adminedit.rules.error.sentence_not_in_text")
	}
	if errs.Has("kind") {
		return nil
	}
	var archived *time.Time
	err := q.QueryRow(ctx, `SELECT archived_at FROM policy_rule WHERE policy_id = $1 AND kind = $2 AND id <> $3`,
		pol.ID, p.Kind, p.ID).Scan(&archived)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return fmt.Errorf("rule of kind %s: %w", p.Kind, err)
	case archived != nil:
		errs.Add("kind", "adminedit.rules.error.kind_taken_archived")
	default:
		errs.Add("kind", "adminedit.rules.error.kind_taken")
	}
	return nil
}

func encodeParams(m map[string]any) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return "", fmt.Errorf("encode rule parameters: %w", err)
	}
	return buf.String(), nil
}

func (h *Handlers) createRule(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, p, errs := parseRule(r)
	var pol policyRecord
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		var err error
		if pol, err = h.requirePolicy(ctx, tx, r, true); err != nil {
			return err
		}
		if err := checkRule(ctx, tx, &errs, pol, p); err != nil {
			return err
		}
		if errs.Any() {
			return errInvalid
		}
		params, err := encodeParams(p.Parameters)
		if err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `
INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence, description)
VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING id`,
			pol.ID, p.Kind, p.Enforcement, params, p.SourceSentence, p.Description).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("create policy rule: %w", err)
		}
		return audit.Record(ctx, tx, entry(r, "policy_rule", p.ID, audit.ActionCreate, created(p.values())))
	})
	if errors.Is(err, errInvalid) {
		return h.renderRule(w, r, http.StatusUnprocessableEntity, templates.AdminRuleView{Form: f, Errors: errs, Language: pol.Language, PolicyText: pol.FullText})
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, ruleTarget(p.ID), "adminedit.rules.flash.created")
}

func ruleTarget(id int64) string { return "/staff/policy/rules#rule-" + strconv.FormatInt(id, 10) }

func (h *Handlers) updateRule(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, p, errs := parseRule(r)
	var cur ruleRecord
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		pol, err := h.requirePolicy(ctx, tx, r, true)
		if err != nil {
			return err
		}
		if cur, err = h.rule(r, tx, true); err != nil {
			return err
		}
		f.ID, f.Archived = cur.ID, cur.ArchivedAt != nil
		if cur.state() != f.State {
			return errConflict
		}
		p.ID = cur.ID
		if err := checkRule(ctx, tx, &errs, pol, p); err != nil {
			return err
		}
		if errs.Any() {
			return errInvalid
		}
		changes := audit.Diff(cur.values(), p.values())
		if len(changes) == 0 {
			return errUnchanged
		}
		params, err := encodeParams(p.Parameters)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
UPDATE policy_rule SET kind = $2, enforcement = $3, parameters = $4::jsonb, source_sentence = $5, description = $6
WHERE id = $1`, cur.ID, p.Kind, p.Enforcement, params, p.SourceSentence, p.Description); err != nil {
			return fmt.Errorf("update policy rule %d: %w", cur.ID, err)
		}
		return audit.Record(ctx, tx, entry(r, "policy_rule", cur.ID, audit.ActionUpdate, changes))
	})
	switch {
	case errors.Is(err, errConflict):
		v := templates.AdminRuleView{Form: f, Errors: errs, Language: cur.PolicyLang, PolicyText: cur.PolicyText,
			Conflict: ruleConflict(r, f, cur.form())}
		v.Form.State = cur.state()
		return h.renderRule(w, r, http.StatusConflict, v)
	case errors.Is(err, errInvalid):
		return h.renderRule(w, r, http.StatusUnprocessableEntity, templates.AdminRuleView{Form: f, Errors: errs, Language: cur.PolicyLang, PolicyText: cur.PolicyText})
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, ruleTarget(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, ruleTarget(cur.ID), "adminedit.rules.flash.saved")
}

func ruleConflict(r *http.Request, yours, cur templates.AdminRuleForm) []templates.ConflictRow {
	l := web.L(r)
	return []templates.ConflictRow{
		conflictRow(l.T("adminedit.rules.field.kind"), templates.AdminRuleKindName(l, yours.Kind), templates.AdminRuleKindName(l, cur.Kind)),
		conflictRow(l.T("adminedit.rules.field.enforcement"), templates.AdminEnforcement(l, yours.Enforcement), templates.AdminEnforcement(l, cur.Enforcement)),
		conflictRow(l.T("adminedit.rules.field.parameters"), yours.Parameters, cur.Parameters),
		conflictRow(l.T("adminedit.rules.field.source_sentence"), yours.SourceSentence, cur.SourceSentence),
		conflictRow(l.T("adminedit.rules.field.description"), yours.Description, cur.Description),
		conflictRow(l.T("adminedit.field.archived"), templates.AdminYesNo(l, yours.Archived), templates.AdminYesNo(l, cur.Archived)),
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
	var cur ruleRecord
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		if _, err := h.requirePolicy(ctx, tx, r, true); err != nil {
			return err
		}
		var err error
		if cur, err = h.rule(r, tx, true); err != nil {
			return err
		}
		if !archive && !quotes(cur.PolicyText, cur.SourceSentence) {
			return errInvalid
		}
		return setArchived(ctx, tx, r, "policy_rule", cur.ID, cur.ArchivedAt, archive)
	})
	switch {
	case errors.Is(err, errInvalid):
		var errs form.Errors
		errs.Add("source_sentence", "adminedit.rules.error.sentence_not_in_text")
		return h.renderRule(w, r, http.StatusUnprocessableEntity, templates.AdminRuleView{Form: cur.form(), Errors: errs, Language: cur.PolicyLang, PolicyText: cur.PolicyText})
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, ruleTarget(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	if archive {
		return h.Done(w, r, ruleTarget(cur.ID), "adminedit.rules.flash.archived")
	}
	return h.Done(w, r, ruleTarget(cur.ID), "adminedit.rules.flash.restored")
}
