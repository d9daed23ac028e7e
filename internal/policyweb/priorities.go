package policyweb

import (
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

var codeRE = regexp.MustCompile(policy.CodePattern)

// priorityForm is the form of a stored priority.
func priorityForm(p policy.PriorityRecord) AdminPriorityForm {
	return AdminPriorityForm{
		ID: p.ID, State: p.State(), Kind: p.Kind, Code: p.Code, Title: p.Title, Description: p.Desc,
		Position: strconv.Itoa(p.Rank), Archived: p.ArchivedAt != nil,
	}
}

// priority returns the priority {id} of the current policy of the administrator's
// municipality; any other is not found.
func priority(r *http.Request, st *policy.Store, lock bool) (policy.PriorityRecord, error) {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return policy.PriorityRecord{}, err
	}
	p, err := st.Priority(r.Context(), workspaceweb.Me(r).MunicipalityID, id, lock)
	if errors.Is(err, policy.ErrPriorityNotFound) {
		return p, web.NotFound(err)
	}
	return p, err
}

func (h *Handlers) priorities(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st := h.store()
	pol, err := requirePolicy(r, st, false)
	if err != nil {
		return err
	}
	list, err := st.PriorityRecords(ctx, workspaceweb.Me(r).MunicipalityID)
	if err != nil {
		return err
	}
	v := AdminPrioritiesView{PolicyTitle: pol.Title, Language: pol.Language}
	for _, p := range list {
		item := AdminPriorityItem{ID: p.ID, Kind: p.Kind, Code: p.Code, Title: p.Title, Description: p.Desc, Position: p.Position}
		if p.ArchivedAt != nil {
			v.Archived = append(v.Archived, item)
			continue
		}
		if n := len(v.Groups); n == 0 || v.Groups[n-1].Kind != p.Kind {
			v.Groups = append(v.Groups, AdminPriorityGroup{Kind: p.Kind})
		}
		g := &v.Groups[len(v.Groups)-1]
		g.Items = append(g.Items, item)
	}
	l := web.L(r)
	p := h.page(w, r, nil, l.T("adminedit.priorities.title"),
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"}, templates.Crumb{Label: l.T("adminedit.priorities.title")})
	return web.Render(w, r, http.StatusOK, AdminPrioritiesPage(p, v))
}

func (h *Handlers) newPriority(w http.ResponseWriter, r *http.Request) error {
	st := h.store()
	pol, err := requirePolicy(r, st, false)
	if err != nil {
		return err
	}
	kind := r.URL.Query().Get("kind")
	if !slices.Contains(policy.PriorityKinds, kind) {
		// What this policy calls its items, as a start.
		first, ok, err := st.FirstKind(r.Context(), pol.ID)
		if err != nil {
			return err
		}
		kind = policy.PriorityKinds[0]
		if ok {
			kind = first
		}
	}
	return h.renderPriority(w, r, http.StatusOK, AdminPriorityView{
		Form: AdminPriorityForm{Kind: kind}, Language: pol.Language,
	})
}

func (h *Handlers) editPriority(w http.ResponseWriter, r *http.Request) error {
	p, err := priority(r, h.store(), false)
	if err != nil {
		return err
	}
	return h.renderPriority(w, r, http.StatusOK, AdminPriorityView{Form: priorityForm(p), Language: p.PolicyLang})
}

func (h *Handlers) renderPriority(w http.ResponseWriter, r *http.Request, status int, v AdminPriorityView) error {
	l := web.L(r)
	title := l.T("adminedit.priorities.new")
	if v.Form.ID != 0 {
		var err error
		if v.History, err = h.history(r, "priority", v.Form.ID); err != nil {
			return err
		}
		title = l.T("adminedit.priorities.edit", v.Form.Code)
	}
	v.Kinds = policy.PriorityKinds
	p := h.page(w, r, v.Errors, title,
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"},
		templates.Crumb{Label: l.T("adminedit.priorities.title"), Href: "/staff/policy/priorities"},
		templates.Crumb{Label: title})
	return web.Render(w, r, status, AdminPriorityPage(p, v))
}

// parsePriority reads the typed priority; wanted is the position asked for (0: last).
func parsePriority(r *http.Request) (AdminPriorityForm, policy.PriorityRecord, int, form.Errors) {
	f := AdminPriorityForm{
		State: r.PostFormValue("state"), Kind: r.PostFormValue("kind"), Code: r.PostFormValue("code"),
		Title: r.PostFormValue("title"), Description: r.PostFormValue("description"), Position: r.PostFormValue("position"),
	}
	var errs form.Errors
	p := policy.PriorityRecord{Kind: f.Kind, Code: strings.TrimSpace(f.Code), Title: strings.TrimSpace(f.Title), Desc: strings.TrimSpace(f.Description)}
	if !slices.Contains(policy.PriorityKinds, p.Kind) {
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
