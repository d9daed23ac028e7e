package agreementweb

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/agreement"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// options reads the form's choices for the signed-in person's municipality;
// cur is the agreement being edited, nil for a new one.
func (h *Handlers) options(r *http.Request, cur *agreement.Record) (agreement.Options, error) {
	me := workspaceweb.Me(r)
	return h.store().Options(r.Context(), me.MunicipalityID, me.MunicipalityName, cur)
}

func (h *Handlers) newForm(w http.ResponseWriter, r *http.Request) error {
	o, err := h.options(r, nil)
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
	o, err := h.options(r, &cur)
	if err != nil {
		return err
	}
	return h.renderForm(w, r, http.StatusOK, formView(web.L(r), inputOf(&cur, o), o, &cur, upload{}, nil))
}

func (h *Handlers) renderForm(w http.ResponseWriter, r *http.Request, status int, v StaffAgreementFormView) error {
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
	return web.Render(w, r, status, StaffAgreementFormPage(p, v))
}

// again shows the form once more, unsaved: with problems (422), after a version
// conflict (409) or after a party row was added or removed (200). A new file
// that was accepted is stored first, so the form can carry it.
func (h *Handlers) again(w http.ResponseWriter, r *http.Request, status int, in input, o agreement.Options, cur *agreement.Record, u upload,
	errs form.Errors, policy *StaffAgreementPolicy, conflict []templates.ConflictRow) error {
	var curID int64
	if cur != nil {
		curID = cur.ID
	}
	u, err := h.keep(r.Context(), actor(r), curID, u)
	if err != nil {
		return err
	}
	v := formView(web.L(r), in, o, cur, u, errs)
	v.Policy, v.Conflict = policy, conflict
	return h.renderForm(w, r, status, v)
}

// checkPolicy refuses a type the municipality's policy rules out (see
// policy.AgreementType), adding the error to errs and returning the
// sentence to quote beside the field; a rule that only warns (checked, or from
// an expired policy) gives the key of the flash to show after saving instead.
func (h *Handlers) checkPolicy(ctx context.Context, l *i18n.Localizer, me *account.Person, oldType string, in input, errs *form.Errors) (*StaffAgreementPolicy, string, error) {
	if !slices.Contains(agreement.Types, in.Type) {
		return nil, "", nil
	}
	var signedOn *time.Time
	if d, err := form.ParseDate(in.SignedOn); err == nil {
		signedOn = &d
	}
	v, err := policy.NewStore(h.Pool).AgreementType(ctx, me.MunicipalityID, oldType, in.Type, signedOn, h.Now())
	switch {
	case err != nil || v == nil:
		return nil, "", err
	case v.Expired:
		return nil, "agreementedit.flash.saved_policy_expired", nil
	case !v.Refused:
		return nil, "agreementedit.flash.saved_policy_warning", nil
	}
	errs.Add("type", v.Key, typeName(l, in.Type))
	return &StaffAgreementPolicy{Sentence: v.Rule.SourceSentence, Lang: v.Rule.Language}, "", nil
}

// editRows applies an add or remove party button; it reports whether one was pressed.
func editRows(in *input) bool {
	rows, edited := form.EditRows(in.Parties, in.Action, PartyGroup, partyFields...)
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
	o, err := h.options(r, nil)
	if err != nil {
		return err
	}
	in, err := readInput(r)
	if err != nil {
		return err
	}
	var fileErrs form.Errors
	u, err := h.readUpload(r, 0, in, &fileErrs)
	if err != nil {
		return err
	}
	if editRows(&in) {
		return h.again(w, r, rowStatus(fileErrs), in, o, nil, u, fileErrs, nil, nil)
	}
	var errs form.Errors
	policy, warning, err := h.checkPolicy(ctx, l, me, "", in, &errs)
	if err != nil {
		return err
	}
	v, fieldErrs := validate(in, o, nil)
	errs = append(append(errs, fieldErrs...), fileErrs...)
	if errs.Any() {
		return h.again(w, r, http.StatusUnprocessableEntity, in, o, nil, u, errs, policy, nil)
	}
	id, err := h.store().Create(ctx, actor(r), v, u.change(false))
	if err != nil {
		return err
	}
	if warning != "" {
		return h.Done(w, r, recordPath(id), warning)
	}
	return h.Done(w, r, recordPath(id), "agreementedit.flash.created")
}

func (h *Handlers) update(w http.ResponseWriter, r *http.Request) error {
	cur, err := h.current(r)
	if err != nil {
		return err
	}
	ctx, me, l := r.Context(), workspaceweb.Me(r), web.L(r)
	o, err := h.options(r, &cur)
	if err != nil {
		return err
	}
	in, err := readInput(r)
	if err != nil {
		return err
	}
	var fileErrs form.Errors
	u, err := h.readUpload(r, cur.ID, in, &fileErrs)
	if err != nil {
		return err
	}
	if editRows(&in) {
		return h.again(w, r, rowStatus(fileErrs), in, o, &cur, u, fileErrs, nil, nil)
	}
	var errs form.Errors
	policy, warning, err := h.checkPolicy(ctx, l, me, cur.Type, in, &errs)
	if err != nil {
		return err
	}
	v, fieldErrs := validate(in, o, &cur)
	errs = append(append(errs, fieldErrs...), fileErrs...)
	if errs.Any() {
		return h.again(w, r, http.StatusUnprocessableEntity, in, o, &cur, u, errs, policy, nil)
	}
	changed, err := h.store().Update(ctx, actor(r), cur.ID, in.Version, v, u.change(in.RemoveDocument))
	switch {
	case errors.Is(err, agreement.ErrNotFound):
		return web.NotFound(err)
	case errors.Is(err, agreement.ErrConflict):
		return h.conflict(w, r, in, u)
	case err != nil:
		return err
	case !changed:
		return h.Done(w, r, recordPath(cur.ID), "agreementedit.flash.unchanged")
	}
	if warning != "" {
		return h.Done(w, r, recordPath(cur.ID), warning)
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
	o, err := h.options(r, &now)
	if err != nil {
		return err
	}
	if u, err = h.keep(r.Context(), actor(r), now.ID, u); err != nil {
		return err
	}
	rows := conflictRows(web.L(r), in, u, o, now)
	in.Version = now.Version
	return h.again(w, r, http.StatusConflict, in, o, &now, u, nil, nil, rows)
}
