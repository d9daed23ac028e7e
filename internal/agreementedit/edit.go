package agreementedit

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) error {
	o, err := loadOptions(r.Context(), h.Pool, workspaceweb.Me(r), nil)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, http.StatusOK, formView(web.L(r), inputOf(nil, o), o, nil, upload{}, nil))
}

func (h *Handlers) editForm(w http.ResponseWriter, r *http.Request) error {
	cur, err := h.current(r)
	if err != nil {
		return err
	}
	o, err := loadOptions(r.Context(), h.Pool, workspaceweb.Me(r), &cur)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, http.StatusOK, formView(web.L(r), inputOf(&cur, o), o, &cur, upload{}, nil))
}

func (h *Handlers) renderForm(w http.ResponseWriter, r *http.Request, status int, v templates.StaffAgreementFormView) error {
	l := web.L(r)
	var p templates.Page
	if v.ID == 0 {
		title := l.T("agreementedit.new")
		p = h.Page(w, r, title, h.listCrumb(r), templates.Crumb{Label: title})
	} else {
		title := l.T("agreementedit.edit_page_title", v.Heading)
		p = h.Page(w, r, title, h.listCrumb(r), templates.Crumb{Label: v.Heading, Href: recordPath(v.ID)},
			templates.Crumb{Label: l.T("agreementedit.edit")})
	}
	p.Title = templates.ErrorTitle(p, p.Title, v.Errors)
	return web.Render(w, r, status, templates.StaffAgreementFormPage(p, v))
}

// again shows the form once more, unsaved: with problems (422), after a version
// conflict (409) or after a party row was added or removed (200). A new file
// that was accepted is stored first, so the form can carry it.
func (h *Handlers) again(w http.ResponseWriter, r *http.Request, status int, in input, o options, cur *record, u upload,
	errs form.Errors, policy *templates.StaffAgreementPolicy, conflict []templates.ConflictRow) error {
	var curID int64
	if cur != nil {
		curID = cur.ID
	}
	u, err := h.keep(r.Context(), workspaceweb.Me(r), curID, u)
	if err != nil {
		return err
	}
	v := formView(web.L(r), in, o, cur, u, errs)
	v.Policy, v.Conflict = policy, conflict
	return h.renderForm(w, r, status, v)
}

// checkPolicy refuses a type the municipality's policy rules out (see
// policy.AgreementType), adding the error to errs and returning the
// sentence to quote beside the field.
func (h *Handlers) checkPolicy(ctx context.Context, l *i18n.Localizer, me *account.Person, oldType, newType string, errs *form.Errors) (*templates.StaffAgreementPolicy, error) {
	if !slices.Contains(agreement.Types, newType) {
		return nil, nil
	}
	v, err := policy.NewStore(h.Pool).AgreementType(ctx, me.MunicipalityID, oldType, newType)
	if err != nil || v == nil || !v.Refused {
		return nil, err
	}
	errs.Add("type", v.Key, typeName(l, newType))
	return &templates.StaffAgreementPolicy{Sentence: v.Rule.SourceSentence, Lang: v.Rule.Language}, nil
}

// editRows applies an add or remove party button; it reports whether one was pressed.
func editRows(in *input) bool {
	rows, edited := form.EditRows(in.Parties, in.Action, templates.PartyGroup, partyFields...)
	in.Parties = rows
	return edited
}

func rowStatus(errs form.Errors) int {
	if errs.Any() {
		return http.StatusUnprocessableEntity
	}
	return http.StatusOK
}

func (h *Handlers) create(w http.ResponseWriter, r *http.Request) error {
	ctx, me, l := r.Context(), workspaceweb.Me(r), web.L(r)
	o, err := loadOptions(ctx, h.Pool, me, nil)
	if err != nil {
		return err
	}
	in := readInput(r)
	var fileErrs form.Errors
	u, err := h.readUpload(r, me, 0, in, &fileErrs)
	if err != nil {
		return err
	}
	if editRows(&in) {
		return h.again(w, r, rowStatus(fileErrs), in, o, nil, u, fileErrs, nil, nil)
	}
	var errs form.Errors
	policy, err := h.checkPolicy(ctx, l, me, "", in.Type, &errs)
	if err != nil {
		return err
	}
	v, fieldErrs := validate(in, o, nil)
	errs = append(append(errs, fieldErrs...), fileErrs...)
	if errs.Any() {
		return h.again(w, r, http.StatusUnprocessableEntity, in, o, nil, u, errs, policy, nil)
	}
	mid := me.MunicipalityID
	var id int64
	err = database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		docID, err := u.store(ctx, tx, me, nil, false)
		if err != nil {
			return err
		}
		if id, err = insert(ctx, tx, mid, v, docID); err != nil {
			return err
		}
		after, err := load(ctx, tx, mid, id, false)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &me.ID, MunicipalityID: &mid, Entity: "agreement", EntityID: id,
			Action: audit.ActionCreate, Changes: createChanges(after), RequestID: web.RequestID(ctx)})
	})
	if err != nil {
		return err
	}
	return h.Done(w, r, recordPath(id), "agreementedit.flash.created")
}

func (h *Handlers) update(w http.ResponseWriter, r *http.Request) error {
	cur, err := h.current(r)
	if err != nil {
		return err
	}
	ctx, me, l := r.Context(), workspaceweb.Me(r), web.L(r)
	o, err := loadOptions(ctx, h.Pool, me, &cur)
	if err != nil {
		return err
	}
	in := readInput(r)
	var fileErrs form.Errors
	u, err := h.readUpload(r, me, cur.ID, in, &fileErrs)
	if err != nil {
		return err
	}
	if editRows(&in) {
		return h.again(w, r, rowStatus(fileErrs), in, o, &cur, u, fileErrs, nil, nil)
	}
	var errs form.Errors
	policy, err := h.checkPolicy(ctx, l, me, cur.Type, in.Type, &errs)
	if err != nil {
		return err
	}
	v, fieldErrs := validate(in, o, &cur)
	errs = append(append(errs, fieldErrs...), fileErrs...)
	if errs.Any() {
		return h.again(w, r, http.StatusUnprocessableEntity, in, o, &cur, u, errs, policy, nil)
	}
	mid := me.MunicipalityID
	err = database.Transact(ctx, h.Pool, func(tx pgx.Tx) error {
		before, err := load(ctx, tx, mid, cur.ID, true)
		if err != nil {
			return err
		}
		if before.Version != in.Version {
			return errConflict
		}
		docID, err := u.store(ctx, tx, me, before.Document, in.RemoveDocument)
		if err != nil {
			return err
		}
		saved, err := update(ctx, tx, mid, cur.ID, in.Version, v, docID)
		if err != nil {
			return err
		}
		if !saved {
			return errConflict
		}
		after, err := load(ctx, tx, mid, cur.ID, false)
		if err != nil {
			return err
		}
		changes := audit.Diff(snapshot(before), snapshot(after))
		if len(changes) == 0 {
			return errUnchanged
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &me.ID, MunicipalityID: &mid, Entity: "agreement", EntityID: cur.ID,
			Action: audit.ActionUpdate, Changes: changes, RequestID: web.RequestID(ctx)})
	})
	switch {
	case errors.Is(err, errNotFound):
		return web.NotFound(err)
	case errors.Is(err, errUnchanged):
		return h.Done(w, r, recordPath(cur.ID), "agreementedit.flash.unchanged")
	case errors.Is(err, errConflict):
		return h.conflict(w, r, in, u)
	case err != nil:
		return err
	}
	return h.Done(w, r, recordPath(cur.ID), "agreementedit.flash.updated")
}

// conflict answers a save from a stale version: the person's input beside the
// agreement as it is now, the form filled with the input and carrying the
// current version; nothing saved.
func (h *Handlers) conflict(w http.ResponseWriter, r *http.Request, in input, u upload) error {
	now, err := h.current(r)
	if err != nil {
		return err
	}
	ctx, me := r.Context(), workspaceweb.Me(r)
	o, err := loadOptions(ctx, h.Pool, me, &now)
	if err != nil {
		return err
	}
	if u, err = h.keep(ctx, me, now.ID, u); err != nil {
		return err
	}
	rows := conflictRows(web.L(r), in, u, o, now)
	in.Version = now.Version
	return h.again(w, r, http.StatusConflict, in, o, &now, u, nil, nil, rows)
}
