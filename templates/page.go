// Package templates holds the templ components of every page: the site layout,
// shared widgets and one file per page. Components take typed parameters and get
// every visible string from the message catalogue through Page.L.
package templates

import (
	"net/url"
	"strings"

	"github.com/a-h/templ"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/i18n"
)

// Viewer is the signed-in person as pages show them: who they are, and what the
// permissions table lets them do.
type Viewer struct {
	ID               int64
	Name             string
	Email            string
	Role             string
	MunicipalityID   int64
	MunicipalityName string
	// ContentLang is the primary language of their municipality's content.
	ContentLang string
	// Archived: their municipality is archived; only reading is left.
	Archived bool
}

// Can reports whether the person may take action (on no particular record); a
// visitor (nil) may not.
func (v *Viewer) Can(action access.Action) bool {
	return v != nil && access.Check(access.Actor{ID: v.ID, MunicipalityID: v.MunicipalityID, Role: v.Role, Archived: v.Archived}, action, access.Resource{}) == nil
}

// Crumb is one step of the breadcrumb trail; the last has no link.
type Crumb struct {
	Label string
	Href  string
	// Lang is the language of a label that is content (a trip's title), "" for
	// the page's.
	Lang string
	// Shown, when set, is shown instead of Label: a label that names content
	// in a sentence of the page's language (T).
	Shown templ.Component
}

// Page is what the layout needs to know about every page.
type Page struct {
	L           *i18n.Localizer
	Title       string
	Description string
	// Canonical is the absolute URL of the page without the language switch.
	Canonical string
	// Feed is the path of the Atom feed the page's content comes from, announced
	// to feed readers in the head; FeedTitle names it. Empty when there is none.
	Feed, FeedTitle string
	CSS             string
	// PrintCSS, when set, is a stylesheet of the page's own for print only (the
	// yearly report's running header).
	PrintCSS  string
	RequestID string
	// URL is the request's path and query, used to build the language links.
	URL    *url.URL
	Crumbs []Crumb
	// User is the signed-in person, nil for visitors; CSRF is the session's form
	// token, set by workspace pages (the sign-out button needs it).
	User *Viewer
	CSRF string
	// Flash is a one-time message key (e.g. after saving), shown above the content,
	// filled with FlashArgs.
	Flash     string
	FlashArgs []string
	// Notice is a catalogue key of a notice shown above the content of every
	// page of a request (an archived municipality's); "" for none.
	Notice string
	// Workspace lists the workspace areas the signed-in person may open, shown as
	// the workspace navigation; empty outside the workspace.
	Workspace []WorkspaceLink
}

// WorkspaceLink is one area in the workspace navigation.
type WorkspaceLink struct {
	Key  string // catalogue key of the label
	Href string
	// Admin puts the link in the group of administrators' areas.
	Admin bool
}

// WorkspaceHome is the workspace's own page, the dashboard.
const WorkspaceHome = "/staff"

// workspaceLinks returns the workspace links of the administration group
// (admin) or of the other areas.
func (p Page) workspaceLinks(admin bool) []WorkspaceLink {
	var out []WorkspaceLink
	for _, l := range p.Workspace {
		if l.Admin == admin {
			out = append(out, l)
		}
	}
	return out
}

// workspaceCurrent is the aria-current value of the workspace link to href:
// "page" on the area's own page, "true" on a page within the area (a record, a
// form), "" elsewhere. The dashboard contains no other pages.
func (p Page) workspaceCurrent(href string) string {
	if p.URL == nil {
		return ""
	}
	path := strings.TrimSuffix(p.URL.Path, "/")
	switch {
	case path == href:
		return "page"
	case href != WorkspaceHome && strings.HasPrefix(path, href+"/"):
		return "true"
	}
	return ""
}

// LanguageURL returns the page's URL with lang switched to lang.
func (p Page) LanguageURL(lang string) string {
	if p.URL == nil {
		return "/?lang=" + lang
	}
	u := *p.URL
	q := u.Query()
	q.Set("lang", lang)
	u.RawQuery = q.Encode()
	return u.RequestURI()
}

// FlashPart is a piece of the one-time message: text, or a link when Href is set.
type FlashPart struct {
	Text string
	Href string
}

// FlashParts is the one-time message with the addresses it quotes (a trip that
// became public) as links.
func (p Page) FlashParts() []FlashPart {
	text := p.FlashText()
	var out []FlashPart
	for _, a := range p.FlashArgs {
		if !strings.HasPrefix(a, "https://") && !strings.HasPrefix(a, "http://") {
			continue
		}
		before, after, ok := strings.Cut(text, a)
		if !ok {
			continue
		}
		if before != "" {
			out = append(out, FlashPart{Text: before})
		}
		out = append(out, FlashPart{Text: a, Href: a})
		text = after
	}
	if text != "" {
		out = append(out, FlashPart{Text: text})
	}
	return out
}

// FlashText is the one-time message in the page's language.
func (p Page) FlashText() string {
	args := make([]any, len(p.FlashArgs))
	for i, a := range p.FlashArgs {
		args[i] = a
	}
	return p.L.T(p.Flash, args...)
}
