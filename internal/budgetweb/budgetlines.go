package budgetweb

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/budget"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

var codeRE = regexp.MustCompile(budget.CodePattern)

// lineForm is the form of a stored line, its amount written as lang writes numbers.
func lineForm(b budget.LineRecord, lang string) AdminBudgetLineForm {
	return AdminBudgetLineForm{
		ID: b.ID, Version: b.Version, Year: strconv.Itoa(b.Year), Code: b.Code, Name: b.Name,
		OwnerKind: b.OwnerKind, OwnerName: b.OwnerName, Amount: form.FormatMoneyInput(b.AmountMinor, lang, b.MinorUnits),
		CarriesOver: b.CarriesOver, Note: b.Note, Source: b.Source, Archived: b.ArchivedAt != nil,
		Currency: b.Currency, MinorUnits: b.MinorUnits,
	}
}

// budgetLine returns the line {id} of the administrator's municipality; any
// other is not found.
func budgetLine(r *http.Request, st *budget.Store, lock bool) (budget.LineRecord, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return budget.LineRecord{}, err
	}
	b, err := st.Line(r.Context(), workspaceweb.Me(r).MunicipalityID, id, lock)
	if errors.Is(err, budget.ErrLineNotFound) {
		return b, web.NotFound(err)
	}
	return b, err
}

// queryYear reads ?year= (default: this year); anything else than a fiscal year
// is a bad request.
func (h *Handlers) queryYear(r *http.Request) (int, error) {
	raw := r.URL.Query().Get("year")
	if raw == "" {
		return h.Now().Year(), nil
	}
	y, err := strconv.Atoi(raw)
	if err != nil || y < budget.MinYear || y > budget.MaxYear {
		return 0, web.BadRequest("adminedit.budget.error.year_query", err)
	}
	return y, nil
}

func budgetListURL(year int) string {
	return "/staff/budget-lines?" + url.Values{"year": {strconv.Itoa(year)}}.Encode()
}

func (h *Handlers) budgetLines(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	me := workspaceweb.Me(r)
	year, err := h.queryYear(r)
	if err != nil {
		return err
	}
	st := budget.NewStore(h.Pool)
	if year <= h.Now().Year() {
		if _, err := st.EnsureYear(ctx, me.MunicipalityID, year); err != nil {
			return err
		}
	}
	sheet, err := st.Sheet(ctx, me.MunicipalityID, me.Country, year)
	if err != nil {
		return err
	}
	v := AdminBudgetView{Year: year, Sheet: sheet, Currency: me.Currency, MinorUnits: me.MinorUnits}
	if v.Archived, err = st.ArchivedLines(ctx, me.MunicipalityID, year); err != nil {
		return err
	}
	if v.Copyable, err = st.Copyable(ctx, me.MunicipalityID, year); err != nil {
		return err
	}
	l := web.L(r)
	title := l.T("adminedit.budget.title", strconv.Itoa(year))
	p := h.page(w, r, nil, title, templates.Crumb{Label: title})
	return web.Render(w, r, http.StatusOK, AdminBudgetPage(p, v))
}

func (h *Handlers) newBudgetLine(w http.ResponseWriter, r *http.Request) error {
	year, err := h.queryYear(r)
	if err != nil {
		return err
	}
	me := workspaceweb.Me(r)
	return h.renderBudgetLine(w, r, http.StatusOK, AdminBudgetLineView{Form: AdminBudgetLineForm{
		Year: strconv.Itoa(year), OwnerKind: budget.OwnerCentral, Currency: me.Currency, MinorUnits: me.MinorUnits,
	}})
}

func (h *Handlers) editBudgetLine(w http.ResponseWriter, r *http.Request) error {
	b, err := budgetLine(r, budget.NewStore(h.Pool), false)
	if err != nil {
		return err
	}
	return h.renderBudgetLine(w, r, http.StatusOK, AdminBudgetLineView{Form: lineForm(b, web.L(r).Lang)})
}

func (h *Handlers) renderBudgetLine(w http.ResponseWriter, r *http.Request, status int, v AdminBudgetLineView) error {
	l := web.L(r)
	title := l.T("adminedit.budget.new")
	if v.Form.ID != 0 {
		var err error
		if v.History, err = h.history(r, "budget_line", v.Form.ID); err != nil {
			return err
		}
		title = l.T("adminedit.budget.edit", v.Form.Code)
	}
	v.OwnerKinds = budget.OwnerKinds
	listTitle := l.T("adminedit.budget.title", v.Form.Year)
	listURL := "/staff/budget-lines"
	if y, err := strconv.Atoi(v.Form.Year); err == nil && y >= budget.MinYear && y <= budget.MaxYear {
		listURL = budgetListURL(y)
	} else {
		listTitle = l.T("adminedit.budget.title_plain")
	}
	p := h.page(w, r, v.Errors, title, templates.Crumb{Label: listTitle, Href: listURL}, templates.Crumb{Label: title})
	return web.Render(w, r, status, AdminBudgetLinePage(p, v))
}

// parseBudgetLine reads the typed line. The amount is read the way the person's
// interface language writes numbers, in currency.
func parseBudgetLine(r *http.Request, currency string, minorUnits int) (AdminBudgetLineForm, budget.LineRecord, form.Errors) {
	f := AdminBudgetLineForm{
		Version: version(r), Year: r.PostFormValue("fiscal_year"), Code: r.PostFormValue("code"), Name: r.PostFormValue("name"),
		OwnerKind: r.PostFormValue("owner_kind"), OwnerName: r.PostFormValue("owner_name"), Amount: r.PostFormValue("amount"),
		CarriesOver: r.PostFormValue("carries_over") == "yes", Note: r.PostFormValue("note"), Source: r.PostFormValue("source"),
		Currency: currency, MinorUnits: minorUnits,
	}
	var errs form.Errors
	b := budget.LineRecord{
		Code: strings.TrimSpace(f.Code), Name: strings.TrimSpace(f.Name), OwnerKind: f.OwnerKind,
		OwnerName: strings.TrimSpace(f.OwnerName), Currency: currency, MinorUnits: minorUnits, CarriesOver: f.CarriesOver,
		Note: strings.TrimSpace(f.Note), Source: strings.TrimSpace(f.Source),
	}
	y, err := strconv.Atoi(strings.TrimSpace(f.Year))
	if err != nil || y < budget.MinYear || y > budget.MaxYear {
		errs.Add("fiscal_year", "adminedit.budget.error.year", budget.MinYear, budget.MaxYear)
	}
	b.Year = y
	switch {
	case b.Code == "":
		errs.Add("code", "adminedit.error.code_required")
	case !codeRE.MatchString(b.Code):
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

func (h *Handlers) createBudgetLine(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	me := workspaceweb.Me(r)
	f, b, errs := parseBudgetLine(r, me.Currency, me.MinorUnits)
	err := budget.NewStore(h.Pool).Transact(ctx, func(st *budget.Store) error {
		if !errs.Has("code") && !errs.Has("fiscal_year") {
			if taken, err := st.LineCodeTaken(ctx, me.MunicipalityID, b.Year, b.Code, 0); err != nil {
				return err
			} else if taken {
				errs.Add("code", "adminedit.budget.error.code_taken")
			}
		}
		if errs.Any() {
			return errInvalid
		}
		var err error
		b.ID, err = st.CreateLine(ctx, me.MunicipalityID, b)
		if errors.Is(err, budget.ErrCodeTaken) {
			errs.Add("code", "adminedit.budget.error.code_taken")
			return errInvalid
		}
		if err != nil {
			return err
		}
		return st.Record(ctx, entry(r, "budget_line", b.ID, audit.ActionCreate, audit.Created(b.Values())))
	})
	if errors.Is(err, errInvalid) {
		return h.renderBudgetLine(w, r, http.StatusUnprocessableEntity, AdminBudgetLineView{Form: f, Errors: errs})
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, budgetLineURL(b.ID), "adminedit.budget.flash.created")
}

func budgetLineURL(id int64) string { return "/staff/budget-lines/" + strconv.FormatInt(id, 10) }

func (h *Handlers) updateBudgetLine(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	me := workspaceweb.Me(r)
	cur, err := budgetLine(r, budget.NewStore(h.Pool), false)
	if err != nil {
		return err
	}
	// A line keeps the currency it was made in.
	f, b, errs := parseBudgetLine(r, cur.Currency, cur.MinorUnits)
	f.ID = cur.ID
	err = budget.NewStore(h.Pool).Transact(ctx, func(st *budget.Store) error {
		var err error
		if cur, err = budgetLine(r, st, true); err != nil {
			return err
		}
		f.Archived = cur.ArchivedAt != nil
		if cur.Version != f.Version {
			return budget.ErrConflict
		}
		if !errs.Has("code") && !errs.Has("fiscal_year") {
			if taken, err := st.LineCodeTaken(ctx, me.MunicipalityID, b.Year, b.Code, cur.ID); err != nil {
				return err
			} else if taken {
				errs.Add("code", "adminedit.budget.error.code_taken")
			}
		}
		if errs.Any() {
			return errInvalid
		}
		changes := audit.Diff(cur.Values(), b.Values())
		if len(changes) == 0 {
			return errUnchanged
		}
		if err := st.UpdateLine(ctx, me.MunicipalityID, cur.ID, f.Version, b); err != nil {
			return err
		}
		return st.Record(ctx, entry(r, "budget_line", cur.ID, audit.ActionUpdate, changes))
	})
	lang := web.L(r).Lang
	switch {
	case errors.Is(err, budget.ErrConflict):
		v := AdminBudgetLineView{Form: f, Errors: errs, Conflict: budgetConflict(r, f, lineForm(cur, lang))}
		v.Form.Version = cur.Version
		return h.renderBudgetLine(w, r, http.StatusConflict, v)
	case errors.Is(err, errInvalid):
		return h.renderBudgetLine(w, r, http.StatusUnprocessableEntity, AdminBudgetLineView{Form: f, Errors: errs})
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, budgetLineURL(cur.ID), "adminedit.flash.unchanged")
	case err != nil:
		return err
	}
	return h.Done(w, r, budgetLineURL(cur.ID), "adminedit.budget.flash.saved")
}

func budgetConflict(r *http.Request, yours, cur AdminBudgetLineForm) []templates.ConflictRow {
	l := web.L(r)
	return []templates.ConflictRow{
		conflictRow(l.T("adminedit.budget.field.year"), yours.Year, cur.Year),
		conflictRow(l.T("adminedit.field.code"), yours.Code, cur.Code),
		conflictRow(l.T("adminedit.budget.field.name"), yours.Name, cur.Name),
		conflictRow(l.T("adminedit.budget.field.owner_kind"), AdminOwnerKind(l, yours.OwnerKind), AdminOwnerKind(l, cur.OwnerKind)),
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
	var cur budget.LineRecord
	err := budget.NewStore(h.Pool).Transact(ctx, func(st *budget.Store) error {
		var err error
		if cur, err = budgetLine(r, st, true); err != nil {
			return err
		}
		if (cur.ArchivedAt != nil) == archive {
			return errUnchanged
		}
		now, err := st.SetLineArchived(ctx, workspaceweb.Me(r).MunicipalityID, cur.ID, archive)
		if err != nil {
			return err
		}
		action := audit.ActionArchive
		if !archive {
			action = audit.ActionUpdate
		}
		changes := audit.Diff(map[string]any{"archived_at": audit.TimeValue(cur.ArchivedAt)}, map[string]any{"archived_at": audit.TimeValue(now)})
		return st.Record(ctx, entry(r, "budget_line", cur.ID, action, changes))
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
	if err := web.ParseForm(r); err != nil {
		return err
	}
	ctx := r.Context()
	me := workspaceweb.Me(r)
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year <= budget.MinYear || year > budget.MaxYear {
		return web.BadRequest("adminedit.budget.error.year_query", err)
	}
	copied := 0
	err = budget.NewStore(h.Pool).Transact(ctx, func(st *budget.Store) error {
		lines, err := st.CopyLines(ctx, me.MunicipalityID, year)
		if err != nil {
			return err
		}
		for _, b := range lines {
			if err := st.Record(ctx, entry(r, "budget_line", b.ID, audit.ActionCreate, audit.Created(b.Values()))); err != nil {
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
