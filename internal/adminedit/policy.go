package adminedit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// policyRecord is the stored current policy of a municipality.
type policyRecord struct {
	ID                               int64
	Version                          int
	Title, Language, Summary         string
	FullText, AdoptedBy, Source      string
	AdoptedOn, ValidFrom, ValidUntil *time.Time
}

// values are the policy's fields as the audit log records them. The full text is
// among them: a change of a public document's wording is kept word for word.
func (p policyRecord) values() map[string]any {
	return map[string]any{
		"title": p.Title, "language": p.Language, "summary": p.Summary, "full_text": p.FullText,
		"adopted_on": dateValue(p.AdoptedOn), "adopted_by": p.AdoptedBy,
		"valid_from": dateValue(p.ValidFrom), "valid_until": dateValue(p.ValidUntil), "source": p.Source,
	}
}

func (p policyRecord) form() templates.AdminPolicyForm {
	return templates.AdminPolicyForm{
		Exists: p.ID != 0, Version: p.Version, Title: p.Title, Language: p.Language, Summary: p.Summary,
		FullText: p.FullText, AdoptedOn: dateInput(p.AdoptedOn), AdoptedBy: p.AdoptedBy,
		ValidFrom: dateInput(p.ValidFrom), ValidUntil: dateInput(p.ValidUntil), Source: p.Source,
	}
}

// currentPolicy returns the municipality's current policy, locked for the rest of
// the transaction when lock is set, and whether there is one.
func currentPolicy(ctx context.Context, q querier, municipalityID int64, lock bool) (policyRecord, bool, error) {
	sql := `
SELECT id, version, title, language, summary, full_text, adopted_on, coalesce(adopted_by, ''),
       valid_from, valid_until, source
FROM policy WHERE municipality_id = $1 AND archived_at IS NULL`
	if lock {
		sql += ` FOR UPDATE`
	}
	var p policyRecord
	err := q.QueryRow(ctx, sql, municipalityID).Scan(&p.ID, &p.Version, &p.Title, &p.Language, &p.Summary,
		&p.FullText, &p.AdoptedOn, &p.AdoptedBy, &p.ValidFrom, &p.ValidUntil, &p.Source)
	if errors.Is(err, pgx.ErrNoRows) {
		return policyRecord{}, false, nil
	}
	if err != nil {
		return policyRecord{}, false, fmt.Errorf("current policy of municipality %d: %w", municipalityID, err)
	}
	return p, true, nil
}

func (h *Handlers) policyPage(w http.ResponseWriter, r *http.Request) error {
	v, err := h.storedPolicyView(r)
	if err != nil {
		return err
	}
	return h.renderPolicy(w, r, http.StatusOK, v)
}

// storedPolicyView is the policy page with the policy form as stored (empty,
// in the interface language, when there is none yet).
func (h *Handlers) storedPolicyView(r *http.Request) (templates.AdminPolicyView, error) {
	cur, _, err := currentPolicy(r.Context(), h.Pool, staffweb.Me(r).MunicipalityID, false)
	if err != nil {
		return templates.AdminPolicyView{}, err
	}
	v := templates.AdminPolicyView{Form: cur.form()}
	if v.Form.Language == "" {
		v.Form.Language = web.L(r).Lang
	}
	return v, nil
}

// renderPolicy renders the policy page; the deadline form shows the stored
// deadline unless v brings it as typed (it then has a state).
func (h *Handlers) renderPolicy(w http.ResponseWriter, r *http.Request, status int, v templates.AdminPolicyView) error {
	ctx := r.Context()
	me := staffweb.Me(r)
	cur, ok, err := currentPolicy(ctx, h.Pool, me.MunicipalityID, false)
	if err != nil {
		return err
	}
	if v.Deadline.Form.State == "" {
		d, err := currentDeadline(ctx, h.Pool, me.MunicipalityID, false)
		if err != nil {
			return err
		}
		v.Deadline.Form = d.form()
	}
	if ok {
		if err := h.Pool.QueryRow(ctx, `
SELECT (SELECT count(*) FROM priority WHERE policy_id = $1 AND archived_at IS NULL),
       (SELECT count(*) FROM policy_rule WHERE policy_id = $1 AND archived_at IS NULL)`, cur.ID).Scan(&v.Priorities, &v.Rules); err != nil {
			return fmt.Errorf("count priorities and rules of policy %d: %w", cur.ID, err)
		}
		if v.History, err = history(r, h.Pool, "policy", cur.ID); err != nil {
			return err
		}
	}
	l := web.L(r)
	p := h.page(w, r, v.AllErrors(), l.T("adminedit.policy.title"), templates.Crumb{Label: l.T("adminedit.policy.title")})
	return web.Render(w, r, status, templates.AdminPolicyPage(p, v))
}

// parsePolicy validates the typed policy; the checks that need the database
// (every rule's sentence still in the text) come later, in the transaction.
func parsePolicy(f templates.AdminPolicyForm) (policyRecord, form.Errors) {
	var errs form.Errors
	p := policyRecord{
		Title: strings.TrimSpace(f.Title), Language: f.Language, Summary: strings.TrimSpace(f.Summary),
		FullText: strings.TrimSpace(f.FullText), AdoptedBy: strings.TrimSpace(f.AdoptedBy), Source: strings.TrimSpace(f.Source),
	}
	if p.Title == "" {
		errs.Add("title", "adminedit.policy.error.title")
	}
	if !slices.Contains(policyLanguages, p.Language) {
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
	ctx := r.Context()
	me := staffweb.Me(r)
	f := templates.AdminPolicyForm{
		Version: version(r), Title: r.PostFormValue("title"), Language: r.PostFormValue("language"),
		Summary: r.PostFormValue("summary"), FullText: r.PostFormValue("full_text"),
		AdoptedOn: r.PostFormValue("adopted_on"), AdoptedBy: r.PostFormValue("adopted_by"),
		ValidFrom: r.PostFormValue("valid_from"), ValidUntil: r.PostFormValue("valid_until"),
		Source: r.PostFormValue("source"),
	}
	rec, errs := parsePolicy(f)
	var cur policyRecord
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		var ok bool
		var err error
		if cur, ok, err = currentPolicy(ctx, tx, me.MunicipalityID, true); err != nil {
			return err
		}
		f.Exists = ok
		if cur.Version != f.Version {
			// Includes a policy created meanwhile by someone else (0 ≠ 1).
			return errConflict
		}
		if ok {
			missing, err := rulesNotQuoted(ctx, tx, cur.ID, rec.FullText)
			if err != nil {
				return err
			}
			if len(missing) > 0 && rec.FullText != "" {
				errs.Add("full_text", "adminedit.policy.error.rule_sentence", strings.Join(missing, " · "))
			}
		}
		if errs.Any() {
			return errInvalid
		}
		if !ok {
			var id int64
			err := tx.QueryRow(ctx, `
INSERT INTO policy (municipality_id, title, language, summary, full_text, adopted_on, adopted_by,
                    valid_from, valid_until, source)
VALUES ($1, $2, $3, $4, $5, $6, nullif($7, ''), $8, $9, $10) RETURNING id`,
				me.MunicipalityID, rec.Title, rec.Language, rec.Summary, rec.FullText, rec.AdoptedOn, rec.AdoptedBy,
				rec.ValidFrom, rec.ValidUntil, rec.Source).Scan(&id)
			if err != nil {
				return fmt.Errorf("create policy: %w", err)
			}
			return audit.Record(ctx, tx, entry(r, "policy", id, audit.ActionCreate, created(rec.values())))
		}
		changes := audit.Diff(cur.values(), rec.values())
		if len(changes) == 0 {
			return errUnchanged
		}
		tag, err := tx.Exec(ctx, `
UPDATE policy SET title = $4, language = $5, summary = $6, full_text = $7, adopted_on = $8,
       adopted_by = nullif($9, ''), valid_from = $10, valid_until = $11, source = $12,
       version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3`,
			cur.ID, me.MunicipalityID, f.Version, rec.Title, rec.Language, rec.Summary, rec.FullText,
			rec.AdoptedOn, rec.AdoptedBy, rec.ValidFrom, rec.ValidUntil, rec.Source)
		if err != nil {
			return fmt.Errorf("update policy %d: %w", cur.ID, err)
		}
		if tag.RowsAffected() != 1 {
			return errConflict
		}
		return audit.Record(ctx, tx, entry(r, "policy", cur.ID, audit.ActionUpdate, changes))
	})
	switch {
	case errors.Is(err, errConflict):
		// The form keeps the person's input with the current version, so saving
		// again is a deliberate choice.
		v := templates.AdminPolicyView{Form: f, Errors: errs, Conflict: policyConflict(r, f, cur.form())}
		v.Form.Version, v.Form.Exists = cur.Version, cur.ID != 0
		return h.renderPolicy(w, r, http.StatusConflict, v)
	case errors.Is(err, errInvalid):
		return h.renderPolicy(w, r, http.StatusUnprocessableEntity, templates.AdminPolicyView{Form: f, Errors: errs})
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, "/staff/policy", "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/policy", "adminedit.policy.flash.saved")
}

// rulesNotQuoted returns the source sentences of the policy's active rules that
// text no longer contains: a rule must always quote its policy.
func rulesNotQuoted(ctx context.Context, q querier, policyID int64, text string) ([]string, error) {
	rows, err := q.Query(ctx, `SELECT source_sentence FROM policy_rule WHERE policy_id = $1 AND archived_at IS NULL ORDER BY id`, policyID)
	if err != nil {
		return nil, fmt.Errorf("rules of policy %d: %w", policyID, err)
	}
	sentences, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("rules of policy %d: %w", policyID, err)
	}
	var missing []string
	for _, s := range sentences {
		if !quotes(text, s) {
			missing = append(missing, "“"+s+"”")
		}
	}
	return missing, nil
}

func policyConflict(r *http.Request, yours, cur templates.AdminPolicyForm) []templates.ConflictRow {
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
