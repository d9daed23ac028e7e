package templates

import (
	"net/url"
	"testing"
)

func TestWorkspaceCurrent(t *testing.T) {
	for _, tc := range []struct {
		path, href, want string
	}{
		{"/staff", "/staff", "page"},
		{"/staff/", "/staff", "page"},
		{"/staff/trips", "/staff", ""}, // the dashboard holds no other pages
		{"/staff/trips", "/staff/trips", "page"},
		{"/staff/trips/", "/staff/trips", "page"},
		{"/staff/trips/12/edit", "/staff/trips", "true"},
		{"/staff/trips-archive", "/staff/trips", ""},
		{"/staff/policy/rules/3", "/staff/policy", "true"},
		{"/staff/budget-lines", "/staff/policy", ""},
	} {
		p := Page{URL: &url.URL{Path: tc.path}}
		if got := p.workspaceCurrent(tc.href); got != tc.want {
			t.Errorf("on %s, link %s: aria-current %q, want %q", tc.path, tc.href, got, tc.want)
		}
	}
	if got := (Page{}).workspaceCurrent("/staff"); got != "" {
		t.Errorf("without a URL: %q", got)
	}
}
