package partnerweb

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
	"github.com/municipal-intl/portal/internal/partner"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

func (h *Handlers) networks(w http.ResponseWriter, r *http.Request) error {
	ctx, mid := r.Context(), workspaceweb.Me(r).MunicipalityID
	v := NetworksView{Archived: showArchived(r), CanEdit: canEdit(r, access.NetworkEdit)}
	var err error
	if v.Memberships, err = h.store().MembershipRecords(ctx, mid, v.Archived); err != nil {
		return err
	}
	if v.All, err = h.store().AllNetworks(ctx, mid); err != nil {
		return err
	}
	l := web.L(r)
	p := h.Page(w, r, l.T("partneredit.networks.title"), templates.Crumb{Label: l.T("partneredit.networks.title")})
	return web.Render(w, r, http.StatusOK, NetworksPage(p, v))
}

// membershipInput reads the membership fields into their form values, exactly
// as typed, and returns what to save.
func (h *Handlers) membershipInput(r *http.Request, role, since, until, note *string, errs *form.Errors) partner.MembershipInput {
	*role, *since, *until, *note = r.PostFormValue("role"), r.PostFormValue("since_year"), r.PostFormValue("until_year"), r.PostFormValue("note")
	in := partner.MembershipInput{Role: post(r, "role"), Note: strings.TrimSpace(r.PostFormValue("note"))}
	if !slices.Contains(partner.Roles, in.Role) {
		errs.Add("role", "partneredit.error.role")
	}
	in.SinceYear = parseYear(errs, "since_year", post(r, "since_year"), minYear, h.Now().Year())
	in.UntilYear = parseYear(errs, "until_year", post(r, "until_year"), minYear, maxUntilYear)
	if in.SinceYear != nil && in.UntilYear != nil && *in.UntilYear < *in.SinceYear {
		errs.Add("until_year", "partneredit.error.until_before_since")
	}
	checkLength(errs, "note", in.Note, maxText)
	return in
}

// joinable are the networks the municipality is not a current member of.
func (h *Handlers) joinable(r *http.Request) ([]templates.Option, error) {
	all, err := h.store().AllNetworks(r.Context(), workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return nil, err
	}
	var opts []templates.Option
	for _, n := range all {
		if n.MembershipID == nil {
			opts = append(opts, templates.Option{Value: idString(n.ID), Label: n.Name})
		}
	}
	return opts, nil
}

func (h *Handlers) membershipForm(w http.ResponseWriter, r *http.Request, status int, v MembershipForm) error {
	l := web.L(r)
	title := l.T("partneredit.networks.join")
	if !v.IsNew() {
		title = v.Record.Network
		var err error
		if v.History, err = h.history(r, "network_membership", v.Record.ID); err != nil {
			return err
		}
	}
	p := h.formPage(w, r, title, v.Errors, listCrumb(r, PartnerEditNetworks), templates.Crumb{Label: title})
	return web.Render(w, r, status, MembershipFormPage(p, v))
}

func (h *Handlers) newMembership(w http.ResponseWriter, r *http.Request) error {
	v := MembershipForm{Role: "member"}
	var err error
	if v.Networks, err = h.joinable(r); err != nil {
		return err
	}
	// Coming from "Join" beside a network in the list, that network is chosen.
	if n := r.URL.Query().Get("network"); slices.ContainsFunc(v.Networks, func(o templates.Option) bool { return o.Value == n }) {
		v.NetworkID = n
	}
	return h.membershipForm(w, r, http.StatusOK, v)
}

func (h *Handlers) joinNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	var v MembershipForm
	var err error
	if v.Networks, err = h.joinable(r); err != nil {
		return err
	}
	v.NetworkID = r.PostFormValue("network")
	network := post(r, "network")
	var networkID *int64
	if network == "" {
		v.Errors.Add("network", "partneredit.error.network")
	} else {
		networkID = parseChoice(&v.Errors, "network", network, v.Networks)
	}
	in := h.membershipInput(r, &v.Role, &v.SinceYear, &v.UntilYear, &v.Note, &v.Errors)
	if v.Errors.Any() {
		return h.membershipForm(w, r, http.StatusUnprocessableEntity, v)
	}
	in.NetworkID = *networkID
	id, err := h.store().JoinNetwork(r.Context(), h.actor(r), in)
	switch {
	case errors.Is(err, partner.ErrDuplicate):
		v.Errors.Add("network", "partneredit.error.already_member")
		return h.membershipForm(w, r, http.StatusUnprocessableEntity, v)
	case errors.Is(err, partner.ErrNotFound):
		v.Errors.Add("network", "partneredit.error.choice")
		return h.membershipForm(w, r, http.StatusUnprocessableEntity, v)
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/networks/memberships/"+idString(id), "partneredit.flash.joined")
}

func (h *Handlers) networkForm(w http.ResponseWriter, r *http.Request, status int, v NetworkForm) error {
	l := web.L(r)
	title := l.T("partneredit.networks.new")
	p := h.formPage(w, r, title, v.Errors, listCrumb(r, PartnerEditNetworks), templates.Crumb{Label: title})
	return web.Render(w, r, status, NetworkFormPage(p, v))
}

func (h *Handlers) newNetwork(w http.ResponseWriter, r *http.Request) error {
	return h.networkForm(w, r, http.StatusOK, NetworkForm{Role: "member"})
}

func (h *Handlers) createNetwork(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	v := NetworkForm{
		Name: r.PostFormValue("name"), Description: r.PostFormValue("description"), Website: r.PostFormValue("website"),
		Coordinator: r.PostFormValue("coordinator") != "",
	}
	n := partner.NetworkInput{Name: post(r, "name"), Description: strings.TrimSpace(v.Description), Website: post(r, "website"), Coordinator: v.Coordinator}
	if n.Name == "" {
		v.Errors.Add("name", "partneredit.error.network_name")
	}
	checkLength(&v.Errors, "name", n.Name, maxLine)
	checkLength(&v.Errors, "description", n.Description, maxText)
	if n.Website != "" && !validWebsite(n.Website) {
		v.Errors.Add("website", "partneredit.error.website")
	}
	checkLength(&v.Errors, "website", n.Website, maxLine)
	m := h.membershipInput(r, &v.Role, &v.SinceYear, &v.UntilYear, &v.Note, &v.Errors)
	if v.Errors.Any() {
		return h.networkForm(w, r, http.StatusUnprocessableEntity, v)
	}
	id, err := h.store().CreateNetwork(r.Context(), h.actor(r), n, m)
	if errors.Is(err, partner.ErrDuplicate) {
		v.Errors.Add("name", "partneredit.error.network_duplicate")
		return h.networkForm(w, r, http.StatusUnprocessableEntity, v)
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/networks/memberships/"+idString(id), "partneredit.flash.network_created")
}

// membership reads {id}: a membership of another municipality is not found.
func (h *Handlers) membership(r *http.Request) (partner.MembershipRecord, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return partner.MembershipRecord{}, err
	}
	m, err := h.store().MembershipRecord(r.Context(), workspaceweb.Me(r).MunicipalityID, id)
	if errors.Is(err, partner.ErrNotFound) {
		return m, web.NotFound(err)
	}
	return m, err
}

func (h *Handlers) editMembership(w http.ResponseWriter, r *http.Request) error {
	m, err := h.membership(r)
	if err != nil {
		return err
	}
	return h.membershipForm(w, r, http.StatusOK, MembershipForm{
		Record: m, Version: m.Version, Role: m.Role,
		SinceYear: yearString(m.SinceYear), UntilYear: yearString(m.UntilYear), Note: m.Note,
	})
}

func (h *Handlers) updateMembership(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	m, err := h.membership(r)
	if err != nil {
		return err
	}
	v := MembershipForm{Record: m}
	v.Version, _ = strconv.Atoi(r.PostFormValue("version"))
	in := h.membershipInput(r, &v.Role, &v.SinceYear, &v.UntilYear, &v.Note, &v.Errors)
	if v.Errors.Any() {
		return h.membershipForm(w, r, http.StatusUnprocessableEntity, v)
	}
	in.NetworkID = m.NetworkID
	err = h.store().UpdateMembership(r.Context(), h.actor(r), m.ID, v.Version, in)
	switch {
	case errors.Is(err, partner.ErrConflict):
		cur, err := h.membership(r)
		if err != nil {
			return err
		}
		v.Record, v.Version = cur, cur.Version
		v.Conflict = membershipConflict(web.L(r), v, cur)
		return h.membershipForm(w, r, http.StatusConflict, v)
	case errors.Is(err, partner.ErrNotFound):
		return web.NotFound(err)
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/networks/memberships/"+idString(m.ID), "partneredit.flash.membership_saved")
}

func membershipConflict(l *i18n.Localizer, v MembershipForm, cur partner.MembershipRecord) []templates.ConflictRow {
	role := func(s string) string {
		if slices.Contains(partner.Roles, s) {
			return l.T(MembershipRoleKey(s))
		}
		return s
	}
	return []templates.ConflictRow{
		{Label: l.T("partneredit.field.role"), Yours: role(v.Role), Current: role(cur.Role)},
		{Label: l.T("partneredit.field.member_since"), Yours: strings.TrimSpace(v.SinceYear), Current: yearString(cur.SinceYear)},
		{Label: l.T("partneredit.field.member_until"), Yours: strings.TrimSpace(v.UntilYear), Current: yearString(cur.UntilYear)},
		{Label: l.T("partneredit.field.note"), Yours: strings.TrimSpace(v.Note), Current: cur.Note},
	}
}

func (h *Handlers) confirmArchiveMembership(w http.ResponseWriter, r *http.Request) error {
	m, err := h.membership(r)
	if err != nil {
		return err
	}
	edit := "/staff/networks/memberships/" + idString(m.ID)
	if m.ArchivedAt != nil {
		http.Redirect(w, r, edit, http.StatusSeeOther)
		return nil
	}
	l := web.L(r)
	heading := l.T("partneredit.networks.archive_heading", m.Network)
	p := h.Page(w, r, heading, listCrumb(r, PartnerEditNetworks),
		templates.Crumb{Label: m.Network, Href: edit}, templates.Crumb{Label: l.T("partneredit.archive")})
	return web.Render(w, r, http.StatusOK, PartnerArchivePage(p, PartnerArchiveView{
		Heading: heading, Question: l.T("partneredit.networks.archive_question", m.Network),
		Action: templ.SafeURL(edit + "/archive"), Cancel: templ.SafeURL(edit),
	}))
}

func (h *Handlers) archiveMembership(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return err
	}
	err = h.store().ArchiveMembership(r.Context(), h.actor(r), id)
	if errors.Is(err, partner.ErrNotFound) {
		return web.NotFound(err)
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/networks", "partneredit.flash.membership_archived")
}
