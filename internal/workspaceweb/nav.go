package workspaceweb

import (
	"net/http"
	"strings"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/templates"
)

// areas are the workspace's areas in the order of the navigation, each with the
// action its route requires (see each area's Routes): a link a person may not
// follow would only lead to a 403.
var areas = []struct {
	link   templates.WorkspaceLink
	action access.Action
	// meetings marks the twin-city meetings, which exist only where the policy
	// sets a meeting rotation (elsewhere /staff/meetings is not found).
	meetings bool
}{
	{link: templates.WorkspaceLink{Key: "ws.nav.overview", Href: templates.WorkspaceHome}, action: access.WorkspaceView},
	{link: templates.WorkspaceLink{Key: "ws.nav.trips", Href: "/staff/trips"}, action: access.TripView},
	{link: templates.WorkspaceLink{Key: "ws.nav.review", Href: "/staff/review"}, action: access.ReviewView},
	{link: templates.WorkspaceLink{Key: "ws.nav.partners", Href: "/staff/partners"}, action: access.PartnershipView},
	{link: templates.WorkspaceLink{Key: "ws.nav.networks", Href: "/staff/networks"}, action: access.NetworkView},
	{link: templates.WorkspaceLink{Key: "ws.nav.projects", Href: "/staff/projects"}, action: access.ProjectView},
	{link: templates.WorkspaceLink{Key: "ws.nav.agreements", Href: "/staff/agreements"}, action: access.AgreementView},
	{link: templates.WorkspaceLink{Key: "ws.nav.meetings", Href: "/staff/meetings"}, action: access.MeetingView, meetings: true},
	{link: templates.WorkspaceLink{Key: "ws.nav.policy", Href: "/staff/policy", Admin: true}, action: access.PolicyEdit},
	{link: templates.WorkspaceLink{Key: "ws.nav.budget_lines", Href: "/staff/budget-lines", Admin: true}, action: access.BudgetLineEdit},
	{link: templates.WorkspaceLink{Key: "ws.nav.bodies", Href: "/staff/bodies", Admin: true}, action: access.BodyEdit},
	{link: templates.WorkspaceLink{Key: "ws.nav.accounts", Href: "/staff/accounts", Admin: true}, action: access.AccountManage},
	{link: templates.WorkspaceLink{Key: "ws.nav.audit", Href: "/staff/audit", Admin: true}, action: access.AuditView},
	{link: templates.WorkspaceLink{Key: "ws.nav.municipalities", Href: "/staff/municipalities", Admin: true}, action: access.MunicipalityManage},
}

// Nav returns the workspace areas a person of role may open, in navigation
// order; keepsMeetings says whether their municipality keeps twin-city meetings.
func Nav(role string, keepsMeetings bool) []templates.WorkspaceLink {
	var out []templates.WorkspaceLink
	for _, a := range areas {
		if access.Allowed(role, a.action) && (!a.meetings || keepsMeetings) {
			out = append(out, a.link)
		}
	}
	return out
}

// nav is the workspace navigation of the signed-in person.
func (b *Base) nav(r *http.Request) []templates.WorkspaceLink {
	me := Me(r)
	if me == nil {
		return nil
	}
	return Nav(me.Role, b.keepsMeetings(r, me))
}

// DecorateError is the server's web.Site.DecorateError: an error page under
// /staff (a record that is not found, an area the person may not open, an
// unknown path) shows the signed-in person's workspace navigation and the
// sign-out button, so they can find their way on. Elsewhere, and for a
// visitor, the page stays as it is.
//
// The person comes from the request context, where auth.Load put it: it wraps
// the workspace routes and also the router's not-found and method-not-allowed
// handlers (chi chains a group's middleware onto them). Only errors served
// before auth.Load runs (a panic's 500, a cross-origin 403) have no person,
// and reading the session there again is not worth it.
func (b *Base) DecorateError(w http.ResponseWriter, r *http.Request, p *templates.Page) {
	if r.URL.Path != templates.WorkspaceHome && !strings.HasPrefix(r.URL.Path, templates.WorkspaceHome+"/") {
		return
	}
	p.Workspace = b.nav(r)
	if p.Workspace != nil {
		// The user bar's sign-out button needs the form token.
		p.CSRF = b.Auth.CSRFToken(w, r)
	}
}

// keepsMeetings reports whether the person's municipality keeps twin-city
// meetings (see meeting.RotationOf). A failed look-up is logged and only leaves
// the link out: the page itself does not depend on it.
func (b *Base) keepsMeetings(r *http.Request, me *account.Person) bool {
	_, ok, err := policy.NewStore(b.Pool).RuleFor(r.Context(), me.MunicipalityID, policy.KindMeetingRotation)
	if err != nil {
		b.Site.Log.WarnContext(r.Context(), "workspace navigation: meeting rotation", "err", err)
		return false
	}
	return ok
}
