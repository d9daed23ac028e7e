package adminedit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Fiscal years the schema accepts.
const (
	minYear = 1990
	maxYear = 2200
)

// budgetLineRecord is one stored budget line of the administrator's municipality.
type budgetLineRecord struct {
	ID                   int64
	Version, Year        int
	Code, Name           string
	OwnerKind, OwnerName string
	AmountMinor          int64
	Currency             string
	MinorUnits           int
	CarriesOver          bool
	Note, Source         string
	ArchivedAt           *time.Time
}

func (b budgetLineRecord) values() map[string]any {
	return map[string]any{
		"fiscal_year": b.Year, "code": b.Code, "name": b.Name, "owner_kind": b.OwnerKind, "owner_name": b.OwnerName,
		"amount_minor": b.AmountMinor, "currency": b.Currency, "carries_over": b.CarriesOver, "note": b.Note, "source": b.Source,
	}
}

func (b budgetLineRecord) form(lang string) templates.AdminBudgetLineForm {
	return templates.AdminBudgetLineForm{
		ID: b.ID, Version: b.Version, Year: strconv.Itoa(b.Year), Code: b.Code, Name: b.Name,
		OwnerKind: b.OwnerKind, OwnerName: b.OwnerName, Amount: form.FormatMoneyInput(b.AmountMinor, lang, b.MinorUnits),
		CarriesOver: b.CarriesOver, Note: b.Note, Source: b.Source, Archived: b.ArchivedAt != nil,
		Currency: b.Currency, MinorUnits: b.MinorUnits,
	}
}

// budgetLine returns the line {id} of the administrator's municipality; any
// other is not found.
func (h *Handlers) budgetLine(r *http.Request, q querier, lock bool) (budgetLineRecord, error) {
	id, err := staffweb.ID(r, "id")
	if err != nil {
		return budgetLineRecord{}, err
	}
	sql := `
SELECT b.id, b.version, b.fiscal_year, b.code, b.name, b.owner_kind, b.owner_name, b.amount_minor, b.currency,
       c.minor_units, b.carries_over, b.note, coalesce(b.source, ''), b.archived_at
FROM budget_line b JOIN currency c ON c.code = b.currency
WHERE b.id = $1 AND b.municipality_id = $2`
	if lock {
		sql += ` FOR UPDATE OF b`
	}
	var b budgetLineRecord
	err = q.QueryRow(r.Context(), sql, id, staffweb.Me(r).MunicipalityID).Scan(&b.ID, &b.Version, &b.Year, &b.Code,
		&b.Name, &b.OwnerKind, &b.OwnerName, &b.AmountMinor, &b.Currency, &b.MinorUnits, &b.CarriesOver, &b.Note,
		&b.Source, &b.ArchivedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return b, web.NotFound(err)
	}
	if err != nil {
		return b, fmt.Errorf("budget line %d: %w", id, err)
	}
	return b, nil
}

// queryYear reads ?year= (default: this year); anything else than a fiscal year
// is a bad request.
func (h *Handlers) queryYear(r *http.Request) (int, error) {
	raw := r.URL.Query().Get("year")
	if raw == "" {
		return h.Now().Year(), nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < minYear || y > maxYear {
		return 0, web.BadRequest("adminedit.budget.error.year_query", err)
	}
	return y, nil
}

func budgetListURL(year int) string {
	return "/staff/budget-lines?" + url.Values{"year": {strconv.Itoa(year)}}.Encode()
}

func (h *Handlers) budgetLines(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := staffweb.Me(r)
	year, err := h.queryYear(r)
	if err != nil {
		return err
	}
	sheet, err := budget.NewStore(h.Pool).Sheet(ctx, me.MunicipalityID, me.Country, year)
	if err != nil {
		return err
	}
	v := templates.AdminBudgetView{Year: year, Sheet: sheet, Currency: me.Currency, MinorUnits: me.MinorUnits}
	rows, err := h.Pool.Query(ctx, `
SELECT b.id, b.code, b.name, b.amount_minor, b.currency, c.minor_units
FROM budget_line b JOIN currency c ON c.code = b.currency
WHERE b.municipality_id = $1 AND b.fiscal_year = $2 AND b.archived_at IS NOT NULL ORDER BY b.code`, me.MunicipalityID, year)
	if err != nil {
		return fmt.Errorf("archived budget lines: %w", err)
	}
	v.Archived, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (templates.AdminArchivedLine, error) {
		var a templates.AdminArchivedLine
		err := row.Scan(&a.ID, &a.Code, &a.Name, &a.AmountMinor, &a.Currency, &a.MinorUnits)
		return a, err
	})
	if err != nil {
		return fmt.Errorf("archived budget lines: %w", err)
	}
	if err := h.Pool.QueryRow(ctx, `
SELECT count(*) FROM budget_line b
WHERE b.municipality_id = $1 AND b.fiscal_year = $2::int - 1 AND b.archived_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM budget_line x WHERE x.municipality_id = $1 AND x.fiscal_year = $2 AND x.code = b.code)`,
		me.MunicipalityID, year).Scan(&v.Copyable); err != nil {
		return fmt.Errorf("budget lines to copy: %w", err)
	}
	l := web.L(r)
	title := l.T("adminedit.budget.title", strconv.Itoa(year))
	p := h.page(w, r, nil, title, templates.Crumb{Label: title})
	return web.Render(w, r, http.StatusOK, templates.AdminBudgetPage(p, v))
}

func (h *Handlers) newBudgetLine(w http.ResponseWriter, r *http.Request) error {
	year, err := h.queryYear(r)
	if err != nil {
		return err
	}
	me := staffweb.Me(r)
	return h.renderBudgetLine(w, r, http.StatusOK, templates.AdminBudgetLineView{Form: templates.AdminBudgetLineForm{
		Year: strconv.Itoa(year), OwnerKind: budget.OwnerCentral, Currency: me.Currency, MinorUnits: me.MinorUnits,
	}})
}

func (h *Handlers) editBudgetLine(w http.ResponseWriter, r *http.Request) error {
	b, err := h.budgetLine(r, h.Pool, false)
	if err != nil {
		return err
	}
	return h.renderBudgetLine(w, r, http.StatusOK, templates.AdminBudgetLineView{Form: b.form(web.L(r).Lang)})
}

func (h *Handlers) renderBudgetLine(w http.ResponseWriter, r *http.Request, status int, v templates.AdminBudgetLineView) error {
	l := web.L(r)
	title := l.T("adminedit.budget.new")
	if v.Form.ID != 0 {
		var err error
		if v.History, err = history(r, h.Pool, "budget_line", v.Form.ID); err != nil {
			return err
		}
		title = l.T("adminedit.budget.edit", v.Form.Code)
	}
	v.OwnerKinds = budget.OwnerKinds
	listTitle := l.T("adminedit.budget.title", v.Form.Year)
	listURL := "/staff/budget-lines"
	if y, err := strconv.Atoi(v.Form.Year); err == nil && y >= minYear && y <= maxYear {
		listURL = budgetListURL(y)
	} else {
		listTitle = l.T("adminedit.budget.title_plain")
	}
	p := h.page(w, r, v.Errors, title, templates.Crumb{Label: listTitle, Href: listURL}, templates.Crumb{Label: title})
	return web.Render(w, r, status, templates.AdminBudgetLinePage(p, v))
}

// parseBudgetLine reads the typed line. The amount is read the way the person's
// interface language writes numbers, in currency.
func parseBudgetLine(r *http.Request, currency string, minorUnits int) (templates.AdminBudgetLineForm, budgetLineRecord, form.Errors) {
	f := templates.AdminBudgetLineForm{
		Version: version(r), Year: r.PostFormValue("fiscal_year"), Code: r.PostFormValue("code"), Name: r.PostFormValue("name"),
		OwnerKind: r.PostFormValue("owner_kind"), OwnerName: r.PostFormValue("owner_name"), Amount: r.PostFormValue("amount"),
		CarriesOver: r.PostFormValue("carries_over") == "yes", Note: r.PostFormValue("note"), Source: r.PostFormValue("source"),
		Currency: currency, MinorUnits: minorUnits,
	}
	var errs form.Errors
	b := budgetLineRecord{
		Code: strings.TrimSpace(f.Code), Name: strings.TrimSpace(f.Name), OwnerKind: f.OwnerKind,
		OwnerName: strings.TrimSpace(f.OwnerName), Currency: currency, MinorUnits: minorUnits, CarriesOver: f.CarriesOver,
		Note: strings.TrimSpace(f.Note), Source: strings.TrimSpace(f.Source),
	}
	y, err := strconv.Atoi(strings.TrimSpace(f.Year))
	if err != nil || y < minYear || y > maxYear {
		errs.Add("fiscal_year", "adminedit.budget.error.year", minYear, maxYear)
	}
	b.Year = y
	switch {
	case b.Code == "":
		errs.Add("code", "adminedit.error.code_required")
	case !regexp.MustCompile(codePattern).MatchString(b.Code):
		errs.Add("code", "adminedit.error.code_pattern")
	}
	if b.Name == "" {
		errs.Add("name", "adminedit.budget.error.name")
	}
	if !slices.Contains(budget.OwnerKinds, b.OwnerKind) {
		errs.Add("owner_kind", "adminedit.budget.error.owner_kind")
	}
	if b.OwnerName == "" {
		errs.Add("owner_name", "adminedit.budget.error.owner_name")
	}
	amount, err := form.ParseMoneyIn(f.Amount, web.L(r).Lang, currency, minorUnits)
	errs.AddErr("amount", err)
	b.AmountMinor = amount
	return f, b, errs
}

// lineCodeTaken reports whether another line of the municipality's year has code
// (archived lines too: the code stays theirs).
func lineCodeTaken(ctx context.Context, q querier, municipalityID int64, year int, code string, id int64) (bool, error) {
	var taken bool
	err := q.QueryRow(ctx, `
SELECT EXISTS (SELECT 1 FROM budget_line WHERE municipality_id = $1 AND fiscal_year = $2 AND code = $3 AND id <> $4)`,
		municipalityID, year, code, id).Scan(&taken)
	if err != nil {
		return false, fmt.Errorf("budget line code %s: %w", code, err)
	}
	return taken, nil
}

func (h *Handlers) createBudgetLine(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := staffweb.Me(r)
	f, b, errs := parseBudgetLine(r, me.Currency, me.MinorUnits)
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		if !errs.Has("code") && !errs.Has("fiscal_year") {
			if taken, err := lineCodeTaken(ctx, tx, me.MunicipalityID, b.Year, b.Code, 0); err != nil {
				return err
			} else if taken {
				errs.Add("code", "adminedit.budget.error.code_taken")
			}
		}
		if errs.Any() {
			return errInvalid
		}
		err := tx.QueryRow(ctx, `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency,
                         carries_over, note, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, nullif($11, '')) RETURNING id`,
			me.MunicipalityID, b.Year, b.Code, b.Name, b.OwnerKind, b.OwnerName, b.AmountMinor, b.Currency,
			b.CarriesOver, b.Note, b.Source).Scan(&b.ID)
		if uniqueViolation(err, "budget_line_municipality_id_fiscal_year_code_key") {
			errs.Add("code", "adminedit.budget.error.code_taken")
			return errInvalid
		}
		if err != nil {
			return fmt.Errorf("create budget line: %w", err)
		}
		return audit.Record(ctx, tx, entry(r, "budget_line", b.ID, audit.ActionCreate, created(b.values())))
	})
	if errors.Is(err, errInvalid) {
		return h.renderBudgetLine(w, r, http.StatusUnprocessableEntity, templates.AdminBudgetLineView{Form: f, Errors: errs})
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, budgetLineURL(b.ID), "adminedit.budget.flash.created")
}

func budgetLineURL(id int64) string { return "/staff/budget-lines/" + strconv.FormatInt(id, 10) }

func (h *Handlers) updateBudgetLine(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := staffweb.Me(r)
	cur, err := h.budgetLine(r, h.Pool, false)
	if err != nil {
		return err
	}
	// A line keeps the currency it was made in.
	f, b, errs := parseBudgetLine(r, cur.Currency, cur.MinorUnits)
	f.ID = cur.ID
	err = database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		var err error
		if cur, err = h.budgetLine(r, tx, true); err != nil {
			return err
		}
		f.Archived = cur.ArchivedAt != nil
		if cur.Version != f.Version {
			return errConflict
		}
		if !errs.Has("code") && !errs.Has("fiscal_year") {
			if taken, err := lineCodeTaken(ctx, tx, me.MunicipalityID, b.Year, b.Code, cur.ID); err != nil {
				return err
			} else if taken {
				errs.Add("code", "adminedit.budget.error.code_taken")
			}
		}
		if errs.Any() {
			return errInvalid
		}
		changes := audit.Diff(cur.values(), b.values())
		if len(changes) == 0 {
			return errUnchanged
		}
		tag, err := tx.Exec(ctx, `
UPDATE budget_line SET fiscal_year = $4, code = $5, name = $6, owner_kind = $7, owner_name = $8, amount_minor = $9,
       carries_over = $10, note = $11, source = nullif($12, ''), version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3`,
			cur.ID, me.MunicipalityID, f.Version, b.Year, b.Code, b.Name, b.OwnerKind, b.OwnerName, b.AmountMinor,
			b.CarriesOver, b.Note, b.Source)
		if err != nil {
			return fmt.Errorf("update budget line %d: %w", cur.ID, err)
		}
		if tag.RowsAffected() != 1 {
			return errConflict
		}
		return audit.Record(ctx, tx, entry(r, "budget_line", cur.ID, audit.ActionUpdate, changes))
	})
	lang := web.L(r).Lang
	switch {
	case errors.Is(err, errConflict):
		v := templates.AdminBudgetLineView{Form: f, Errors: errs, Conflict: budgetConflict(r, f, cur.form(lang))}
		v.Form.Version = cur.Version
		return h.renderBudgetLine(w, r, http.StatusConflict, v)
	case errors.Is(err, errInvalid):
		return h.renderBudgetLine(w, r, http.StatusUnprocessableEntity, templates.AdminBudgetLineView{Form: f, Errors: errs})
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, budgetLineURL(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, budgetLineURL(cur.ID), "adminedit.budget.flash.saved")
}

func budgetConflict(r *http.Request, yours, cur templates.AdminBudgetLineForm) []templates.ConflictRow {
	l := web.L(r)
	return []templates.ConflictRow{
		conflictRow(l.T("adminedit.budget.field.year"), yours.Year, cur.Year),
		conflictRow(l.T("adminedit.field.code"), yours.Code, cur.Code),
		conflictRow(l.T("adminedit.budget.field.name"), yours.Name, cur.Name),
		conflictRow(l.T("adminedit.budget.field.owner_kind"), templates.AdminOwnerKind(l, yours.OwnerKind), templates.AdminOwnerKind(l, cur.OwnerKind)),
		conflictRow(l.T("adminedit.budget.field.owner_name"), yours.OwnerName, cur.OwnerName),
		conflictRow(l.T("adminedit.budget.field.amount"), yours.Amount, cur.Amount),
		conflictRow(l.T("adminedit.budget.field.carries_over"), templates.YesNo(l, yours.CarriesOver), templates.YesNo(l, cur.CarriesOver)),
		conflictRow(l.T("adminedit.budget.field.note"), yours.Note, cur.Note),
		conflictRow(l.T("adminedit.budget.field.source"), yours.Source, cur.Source),
		conflictRow(l.T("adminedit.field.archived"), templates.YesNo(l, yours.Archived), templates.YesNo(l, cur.Archived)),
	}
}

func (h *Handlers) archiveBudgetLine(w http.ResponseWriter, r *http.Request) error {
	return h.setBudgetLineArchived(w, r, true)
}

func (h *Handlers) restoreBudgetLine(w http.ResponseWriter, r *http.Request) error {
	return h.setBudgetLineArchived(w, r, false)
}

// setBudgetLineArchived archives a line (it leaves the budget; trips charged to
// it keep their link) or restores it. Archiving is what was asked whatever was
// edited meanwhile, so it does not check the version, but it bumps it so that
// forms opened before meet a conflict.
func (h *Handlers) setBudgetLineArchived(w http.ResponseWriter, r *http.Request, archive bool) error {
	ctx := r.Context()
	var cur budgetLineRecord
	err := database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		var err error
		if cur, err = h.budgetLine(r, tx, true); err != nil {
			return err
		}
		if (cur.ArchivedAt != nil) == archive {
			return errUnchanged
		}
		var now *time.Time
		if err := tx.QueryRow(ctx, `
UPDATE budget_line SET archived_at = CASE WHEN $3 THEN now() END, version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 RETURNING archived_at`, cur.ID, staffweb.Me(r).MunicipalityID, archive).Scan(&now); err != nil {
			return fmt.Errorf("archive budget line %d: %w", cur.ID, err)
		}
		action := audit.ActionArchive
		if !archive {
			action = audit.ActionUpdate
		}
		changes := audit.Diff(map[string]any{"archived_at": audit.TimeValue(cur.ArchivedAt)}, map[string]any{"archived_at": audit.TimeValue(now)})
		return audit.Record(ctx, tx, entry(r, "budget_line", cur.ID, action, changes))
	})
	switch {
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, budgetLineURL(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	if archive {
		return h.Done(w, r, budgetLineURL(cur.ID), "adminedit.budget.flash.archived")
	}
	return h.Done(w, r, budgetLineURL(cur.ID), "adminedit.budget.flash.restored")
}

// copyBudgetLines copies the previous year's active lines into the year, each
// with its amount, owner and carry-over, skipping codes the year already has.
func (h *Handlers) copyBudgetLines(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := staffweb.Me(r)
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year <= minYear || year > maxYear {
		return web.BadRequest("adminedit.budget.error.year_query", err)
	}
	copied := 0
	err = database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency,
                         carries_over, note, source, is_demo)
SELECT municipality_id, $2::int, code, name, owner_kind, owner_name, amount_minor, currency, carries_over, note, source, is_demo
FROM budget_line
WHERE municipality_id = $1 AND fiscal_year = $2::int - 1 AND archived_at IS NULL
ORDER BY code
ON CONFLICT (municipality_id, fiscal_year, code) DO NOTHING
RETURNING id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over, note, coalesce(source, '')`,
			me.MunicipalityID, year)
		if err != nil {
			return fmt.Errorf("copy budget lines into %d: %w", year, err)
		}
		lines, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (budgetLineRecord, error) {
			var b budgetLineRecord
			err := row.Scan(&b.ID, &b.Year, &b.Code, &b.Name, &b.OwnerKind, &b.OwnerName, &b.AmountMinor,
				&b.Currency, &b.CarriesOver, &b.Note, &b.Source)
			return b, err
		})
		if err != nil {
			return fmt.Errorf("copy budget lines into %d: %w", year, err)
		}
		for _, b := range lines {
			if err := audit.Record(ctx, tx, entry(r, "budget_line", b.ID, audit.ActionCreate, created(b.values()))); err != nil {
				return err
			}
		}
		copied = len(lines)
		return nil
	})
	if err != nil {
		return err
	}
	if copied == 0 {
		return h.Done(w, r, budgetListURL(year), "adminedit.budget.flash.copied_none")
	}
	return h.Done(w, r, budgetListURL(year), "adminedit.budget.flash.copied")
}
