package adminedit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
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

// priorityKinds are what a policy document calls its items, as the schema allows them.
var priorityKinds = []string{"priority", "strategy", "field_of_activity", "direction",
	"responsibility", "focus_area", "guideline", "focus_theme"}

var codeRE = regexp.MustCompile(codePattern)

// priorityRecord is one stored priority of the current policy.
type priorityRecord struct {
	ID, PolicyID            int64
	Kind, Code, Title, Desc string
	Position                int
	ArchivedAt              *time.Time
	PolicyTitle, PolicyLang string
	// Rank is the place among the active priorities of its kind (1 is first),
	// which is what the form shows and asks for: archived ones keep their
	// positions, so positions may have gaps.
	Rank int
}

func (p priorityRecord) values() map[string]any {
	return map[string]any{"kind": p.Kind, "code": p.Code, "title": p.Title, "description": p.Desc, "position": p.Position}
}

// state is the priority's fingerprint (the table has no version column).
func (p priorityRecord) state() string {
	v := p.values()
	v["archived"] = p.ArchivedAt != nil
	return fingerprint(v)
}

func (p priorityRecord) form() templates.AdminPriorityForm {
	return templates.AdminPriorityForm{
		ID: p.ID, State: p.state(), Kind: p.Kind, Code: p.Code, Title: p.Title, Description: p.Desc,
		Position: strconv.Itoa(p.Rank), Archived: p.ArchivedAt != nil,
	}
}

const selectPriority = `
SELECT pr.id, pr.policy_id, pr.kind, pr.code, pr.title, pr.description, pr.position, pr.archived_at,
       pol.title, pol.language,
       CASE WHEN pr.archived_at IS NULL THEN
         (SELECT count(*) FROM priority x WHERE x.policy_id = pr.policy_id AND x.kind = pr.kind
            AND x.archived_at IS NULL AND x.position <= pr.position)::int
       ELSE pr.position END
FROM priority pr JOIN policy pol ON pol.id = pr.policy_id
WHERE pol.municipality_id = $1 AND pol.archived_at IS NULL`

func scanPriority(row pgx.Row) (priorityRecord, error) {
	var p priorityRecord
	err := row.Scan(&p.ID, &p.PolicyID, &p.Kind, &p.Code, &p.Title, &p.Desc, &p.Position, &p.ArchivedAt, &p.PolicyTitle, &p.PolicyLang, &p.Rank)
	return p, err
}

// priority returns the priority {id} of the current policy of the administrator's
// municipality; any other is not found.
func (h *Handlers) priority(r *http.Request, q querier, lock bool) (priorityRecord, error) {
	id, err := staffweb.ID(r, "id")
	if err != nil {
		return priorityRecord{}, err
	}
	sql := selectPriority + ` AND pr.id = $2`
	if lock {
		sql += ` FOR UPDATE OF pr`
	}
	p, err := scanPriority(q.QueryRow(r.Context(), sql, staffweb.Me(r).MunicipalityID, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, web.NotFound(err)
	}
	if err != nil {
		return p, fmt.Errorf("priority %d: %w", id, err)
	}
	return p, nil
}

// requirePolicy returns the current policy, or a 404 page saying there is none
// to add priorities or rules to.
func (h *Handlers) requirePolicy(ctx context.Context, q querier, r *http.Request, lock bool) (policyRecord, error) {
	pol, ok, err := currentPolicy(ctx, q, staffweb.Me(r).MunicipalityID, lock)
	if err != nil {
		return pol, err
	}
	if !ok {
		return pol, &web.Error{Status: http.StatusNotFound, Key: "adminedit.policy.none"}
	}
	return pol, nil
}

func (h *Handlers) priorities(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	pol, err := h.requirePolicy(ctx, h.Pool, r, false)
	if err != nil {
		return err
	}
	rows, err := h.Pool.Query(ctx, selectPriority+`
ORDER BY pr.archived_at IS NOT NULL, min(pr.id) OVER (PARTITION BY pr.kind), pr.position`, staffweb.Me(r).MunicipalityID)
	if err != nil {
		return fmt.Errorf("list priorities: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (priorityRecord, error) { return scanPriority(row) })
	if err != nil {
		return fmt.Errorf("list priorities: %w", err)
	}
	v := templates.AdminPrioritiesView{PolicyTitle: pol.Title, Language: pol.Language}
	for _, p := range list {
		item := templates.AdminPriorityItem{ID: p.ID, Kind: p.Kind, Code: p.Code, Title: p.Title, Description: p.Desc, Position: p.Position}
		if p.ArchivedAt != nil {
			v.Archived = append(v.Archived, item)
			continue
		}
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Kind != p.Kind {
			v.Groups = append(v.Groups, templates.AdminPriorityGroup{Kind: p.Kind})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Items = append(g.Items, item)
	}
	l := web.L(r)
	p := h.page(w, r, nil, l.T("adminedit.priorities.title"),
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"}, templates.Crumb{Label: l.T("adminedit.priorities.title")})
	return web.Render(w, r, http.StatusOK, templates.AdminPrioritiesPage(p, v))
}

func (h *Handlers) newPriority(w http.ResponseWriter, r *http.Request) error {
	pol, err := h.requirePolicy(r.Context(), h.Pool, r, false)
	if err != nil {
		return err
	}
	kind := r.URL.Query().Get("kind")
	if !slices.Contains(priorityKinds, kind) {
		// What this policy calls its items, as a start.
		err := h.Pool.QueryRow(r.Context(), `SELECT kind FROM priority WHERE policy_id = $1 ORDER BY id LIMIT 1`, pol.ID).Scan(&kind)
		if errors.Is(err, pgx.ErrNoRows) {
			kind = priorityKinds[0]
		} else if err != nil {
			return fmt.Errorf("kind of the priorities of policy %d: %w", pol.ID, err)
		}
	}
	return h.renderPriority(w, r, http.StatusOK, templates.AdminPriorityView{
		Form: templates.AdminPriorityForm{Kind: kind}, Language: pol.Language,
	})
}

func (h *Handlers) editPriority(w http.ResponseWriter, r *http.Request) error {
	p, err := h.priority(r, h.Pool, false)
	if err != nil {
		return err
	}
	return h.renderPriority(w, r, http.StatusOK, templates.AdminPriorityView{Form: p.form(), Language: p.PolicyLang})
}

func (h *Handlers) renderPriority(w http.ResponseWriter, r *http.Request, status int, v templates.AdminPriorityView) error {
	l := web.L(r)
	title := l.T("adminedit.priorities.new")
	if v.Form.ID != 0 {
		var err error
		if v.History, err = history(r, h.Pool, "priority", v.Form.ID); err != nil {
			return err
		}
		title = l.T("adminedit.priorities.edit", v.Form.Code)
	}
	v.Kinds = priorityKinds
	p := h.page(w, r, v.Errors, title,
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"},
		templates.Crumb{Label: l.T("adminedit.priorities.title"), Href: "/staff/policy/priorities"},
		templates.Crumb{Label: title})
	return web.Render(w, r, status, templates.AdminPriorityPage(p, v))
}

// parsePriority reads the typed priority; wanted is the position asked for (0: last).
func parsePriority(r *http.Request) (templates.AdminPriorityForm, priorityRecord, int, form.Errors) {
	f := templates.AdminPriorityForm{
		State: r.PostFormValue("state"), Kind: r.PostFormValue("kind"), Code: r.PostFormValue("code"),
		Title: r.PostFormValue("title"), Description: r.PostFormValue("description"), Position: r.PostFormValue("position"),
	}
	var errs form.Errors
	p := priorityRecord{Kind: f.Kind, Code: strings.TrimSpace(f.Code), Title: strings.TrimSpace(f.Title), Desc: strings.TrimSpace(f.Description)}
	if !slices.Contains(priorityKinds, p.Kind) {
		errs.Add("kind", "adminedit.priorities.error.kind")
	}
	switch {
	case p.Code == "":
		errs.Add("code", "adminedit.error.code_required")
	case !codeRE.MatchString(p.Code):
		errs.Add("code", "adminedit.error.code_pattern")
	}
	if p.Title == "" {
		errs.Add("title", "adminedit.priorities.error.title")
	}
	wanted := 0
	if s := strings.TrimSpace(f.Position); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10000 {
			errs.Add("position", "adminedit.priorities.error.position")
		}
		wanted = n
	}
	return f, p, wanted, errs
}

// codeTaken reports whether another priority of the policy has code.
func codeTaken(ctx context.Context, q querier, policyID, id int64, code string) (bool, error) {
	var taken bool
	err := q.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM priority WHERE policy_id = $1 AND code = $2 AND id <> $3)`, policyID, code, id).Scan(&taken)
	if err != nil {
		return false, fmt.Errorf("priority code %s: %w", code, err)
	}
	return taken, nil
}

func (h *Handlers) createPriority(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	f, p, wanted, errs := parsePriority(r)
	var pol policyRecord
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		var err error
		// Locking the policy orders every change of its priorities' positions.
		if pol, err = h.requirePolicy(ctx, tx, r, true); err != nil {
			return err
		}
		if !errs.Has("code") {
			if taken, err := codeTaken(ctx, tx, pol.ID, 0, p.Code); err != nil {
				return err
			} else if taken {
				errs.Add("code", "adminedit.priorities.error.code_taken")
			}
		}
		if errs.Any() {
			return errInvalid
		}
		err = tx.QueryRow(ctx, `
INSERT INTO priority (policy_id, kind, position, code, title, description)
VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM priority WHERE policy_id = $1 AND kind = $2), $3, $4, $5)
RETURNING id`, pol.ID, p.Kind, p.Code, p.Title, p.Desc).Scan(&p.ID)
		if err != nil {
			return fmt.Errorf("create priority: %w", err)
		}
		if p.Position, err = placeInKind(ctx, tx, r, pol.ID, p.Kind, p.ID, wanted); err != nil {
			return err
		}
		return audit.Record(ctx, tx, entry(r, "priority", p.ID, audit.ActionCreate, created(p.values())))
	})
	if errors.Is(err, errInvalid) {
		return h.renderPriority(w, r, http.StatusUnprocessableEntity, templates.AdminPriorityView{Form: f, Errors: errs, Language: pol.Language})
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
	ctx := r.Context()
	f, p, wanted, errs := parsePriority(r)
	var cur priorityRecord
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		if _, err := h.requirePolicy(ctx, tx, r, true); err != nil {
			return err
		}
		var err error
		if cur, err = h.priority(r, tx, true); err != nil {
			return err
		}
		f.ID, f.Archived = cur.ID, cur.ArchivedAt != nil
		if cur.state() != f.State {
			return errConflict
		}
		if !errs.Has("code") {
			if taken, err := codeTaken(ctx, tx, cur.PolicyID, cur.ID, p.Code); err != nil {
				return err
			} else if taken {
				errs.Add("code", "adminedit.priorities.error.code_taken")
			}
		}
		if errs.Any() {
			return errInvalid
		}
		p.ID, p.Position = cur.ID, cur.Position
		if wanted == 0 {
			wanted = cur.Rank
		}
		if p.Kind != cur.Kind {
			// Into the new kind at its end first, then where it was asked to go.
			if _, err := tx.Exec(ctx, `
UPDATE priority SET kind = $2, position = (SELECT coalesce(max(position), 0) + 1 FROM priority WHERE policy_id = $3 AND kind = $2)
WHERE id = $1`, cur.ID, p.Kind, cur.PolicyID); err != nil {
				return fmt.Errorf("move priority %d to %s: %w", cur.ID, p.Kind, err)
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE priority SET code = $2, title = $3, description = $4 WHERE id = $1`,
			cur.ID, p.Code, p.Title, p.Desc); err != nil {
			return fmt.Errorf("update priority %d: %w", cur.ID, err)
		}
		if p.Position, err = placeInKind(ctx, tx, r, cur.PolicyID, p.Kind, cur.ID, wanted); err != nil {
			return err
		}
		if p.Kind != cur.Kind {
			if _, err := placeInKind(ctx, tx, r, cur.PolicyID, cur.Kind, 0, 0); err != nil {
				return err
			}
		}
		changes := audit.Diff(cur.values(), p.values())
		if len(changes) == 0 {
			return errUnchanged
		}
		return audit.Record(ctx, tx, entry(r, "priority", cur.ID, audit.ActionUpdate, changes))
	})
	switch {
	case errors.Is(err, errConflict):
		v := templates.AdminPriorityView{Form: f, Errors: errs, Language: cur.PolicyLang, Conflict: priorityConflict(r, f, cur.form())}
		v.Form.State = cur.state()
		return h.renderPriority(w, r, http.StatusConflict, v)
	case errors.Is(err, errInvalid):
		return h.renderPriority(w, r, http.StatusUnprocessableEntity, templates.AdminPriorityView{Form: f, Errors: errs, Language: cur.PolicyLang})
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, priorityTarget(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, priorityTarget(cur.ID), "adminedit.priorities.flash.saved")
}

func priorityConflict(r *http.Request, yours, cur templates.AdminPriorityForm) []templates.ConflictRow {
	l := web.L(r)
	return []templates.ConflictRow{
		conflictRow(l.T("adminedit.priorities.field.kind"), templates.AdminPriorityKind(l, yours.Kind), templates.AdminPriorityKind(l, cur.Kind)),
		conflictRow(l.T("adminedit.field.code"), yours.Code, cur.Code),
		conflictRow(l.T("adminedit.priorities.field.title"), yours.Title, cur.Title),
		conflictRow(l.T("adminedit.priorities.field.description"), yours.Description, cur.Description),
		conflictRow(l.T("adminedit.priorities.field.position"), yours.Position, cur.Position),
		conflictRow(l.T("adminedit.field.archived"), templates.AdminYesNo(l, yours.Archived), templates.AdminYesNo(l, cur.Archived)),
	}
}

// placeInKind numbers the priorities of one kind of a policy 1, 2, … : the active
// ones in their order with priority id placed at position wanted (0 or beyond
// the end: last; id 0: none placed), then the archived ones, which keep their
// order. An archived id keeps its place among the archived. The position change
// of every other priority is logged; id's new position is returned for the
// caller's own entry. The caller holds the policy's lock.
func placeInKind(ctx context.Context, tx pgx.Tx, r *http.Request, policyID int64, kind string, id int64, wanted int) (int, error) {
	rows, err := tx.Query(ctx, `
SELECT id, position, archived_at IS NOT NULL FROM priority
WHERE policy_id = $1 AND kind = $2 ORDER BY position FOR UPDATE`, policyID, kind)
	if err != nil {
		return 0, fmt.Errorf("positions of %s: %w", kind, err)
	}
	type slot struct {
		id       int64
		position int
		archived bool
	}
	all, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (slot, error) {
		var s slot
		err := row.Scan(&s.id, &s.position, &s.archived)
		return s, err
	})
	if err != nil {
		return 0, fmt.Errorf("positions of %s: %w", kind, err)
	}
	var active, archived []slot
	var subject *slot
	for i := range all {
		s := all[i]
		switch {
		case s.id == id && !s.archived:
			subject = &all[i]
		case s.archived:
			archived = append(archived, s)
		default:
			active = append(active, s)
		}
	}
	if subject != nil {
		at := len(active)
		if wanted >= 1 && wanted <= len(active) {
			at = wanted - 1
		}
		active = slices.Insert(active, at, *subject)
	}
	order := append(active, archived...)
	moved := false
	for i, s := range order {
		if s.position != i+1 {
			moved = true
		}
	}
	result := 0
	for i, s := range order {
		if s.id == id {
			result = i + 1
		}
	}
	if !moved {
		return result, nil
	}
	// The positions are unique per kind and checked row by row, so every row
	// first steps out of the way.
	if _, err := tx.Exec(ctx, `UPDATE priority SET position = position + 100000 WHERE policy_id = $1 AND kind = $2`, policyID, kind); err != nil {
		return 0, fmt.Errorf("renumber %s: %w", kind, err)
	}
	for i, s := range order {
		if _, err := tx.Exec(ctx, `UPDATE priority SET position = $2 WHERE id = $1`, s.id, i+1); err != nil {
			return 0, fmt.Errorf("renumber priority %d: %w", s.id, err)
		}
		if s.id != id && s.position != i+1 {
			e := entry(r, "priority", s.id, audit.ActionUpdate, audit.Diff(map[string]any{"position": s.position}, map[string]any{"position": i + 1}))
			if err := audit.Record(ctx, tx, e); err != nil {
				return 0, err
			}
		}
	}
	return result, nil
}

// movePriority moves an active priority one place up or down within its kind.
func (h *Handlers) movePriority(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	direction := r.PostFormValue("direction")
	if direction != "up" && direction != "down" {
		return web.BadRequest("adminedit.priorities.error.direction", nil)
	}
	var id int64
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		if _, err := h.requirePolicy(ctx, tx, r, true); err != nil {
			return err
		}
		cur, err := h.priority(r, tx, true)
		if err != nil {
			return err
		}
		id = cur.ID
		if cur.ArchivedAt != nil {
			return errUnchanged
		}
		var above, below int
		if err := tx.QueryRow(ctx, `
SELECT count(*) FILTER (WHERE position < $3), count(*) FILTER (WHERE position > $3)
FROM priority WHERE policy_id = $1 AND kind = $2 AND archived_at IS NULL`, cur.PolicyID, cur.Kind, cur.Position).Scan(&above, &below); err != nil {
			return fmt.Errorf("neighbours of priority %d: %w", cur.ID, err)
		}
		wanted := above // 1-based: one place up
		if direction == "down" {
			if below == 0 {
				return errUnchanged
			}
			wanted = above + 2
		} else if above == 0 {
			return errUnchanged
		}
		pos, err := placeInKind(ctx, tx, r, cur.PolicyID, cur.Kind, cur.ID, wanted)
		if err != nil {
			return err
		}
		changes := audit.Diff(map[string]any{"position": cur.Position}, map[string]any{"position": pos})
		if len(changes) == 0 {
			return errUnchanged
		}
		return audit.Record(ctx, tx, entry(r, "priority", cur.ID, audit.ActionUpdate, changes))
	})
	if errors.Is(err, errUnchanged) {
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
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		if _, err := h.requirePolicy(ctx, tx, r, true); err != nil {
			return err
		}
		cur, err := h.priority(r, tx, true)
		if err != nil {
			return err
		}
		id = cur.ID
		return setArchived(ctx, tx, r, "priority", cur.ID, cur.ArchivedAt, archive)
	})
	if errors.Is(err, errUnchanged) {
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

// setArchived sets or clears archived_at of a row of table (priority,
// policy_rule) the caller has found in the administrator's municipality and
// locked, and logs it.
func setArchived(ctx context.Context, tx pgx.Tx, r *http.Request, table string, id int64, was *time.Time, archive bool) error {
	if (was != nil) == archive {
		return errUnchanged
	}
	var sql string
	switch table {
	case "priority":
		sql = `UPDATE priority SET archived_at = CASE WHEN $2 THEN now() END WHERE id = $1 RETURNING archived_at`
	case "policy_rule":
		sql = `UPDATE policy_rule SET archived_at = CASE WHEN $2 THEN now() END WHERE id = $1 RETURNING archived_at`
	default:
		return fmt.Errorf("archive: unknown table %s", table)
	}
	var now *time.Time
	if err := tx.QueryRow(ctx, sql, id, archive).Scan(&now); err != nil {
		return fmt.Errorf("archive %s %d: %w", table, id, err)
	}
	action := audit.ActionArchive
	if !archive {
		action = audit.ActionUpdate
	}
	changes := audit.Diff(map[string]any{"archived_at": timeValue(was)}, map[string]any{"archived_at": timeValue(now)})
	return audit.Record(ctx, tx, entry(r, table, id, action, changes))
}

func timeValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}
