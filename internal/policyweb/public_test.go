package policyweb_test

import (
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

func TestPolicyPage(t *testing.T) {
	t.Parallel()
	srv, _ := servertest.New(t)
	c := servertest.Client(t)
	_, doc := servertest.Get(t, c, srv.URL+"/m/vasteras/policy", "sv")
	if doc.Find(".notice--warning").Length() != 1 {
		t.Error("no expiry notice on Västerås' policy")
	}
	if n := doc.Find(`.policy-text[lang="de"] > p, .policy-text[lang="de"] > ul`).Length(); n < 10 {
		t.Errorf("full text has %d blocks", n)
	}
	rule := doc.Find(".rules li")
	if rule.Length() != 1 || !strings.Contains(rule.Text(), "Inga nya vänortsavtal") || rule.Find(`blockquote[lang="de"]`).Length() != 1 {
		t.Errorf("rule: %q", rule.Text())
	}
	_, doc = servertest.Get(t, c, srv.URL+"/m/goteborg/policy", "en")
	if n := doc.Find(".rules li").Length(); n != 6 {
		t.Errorf("Göteborg rules: %d", n)
	}
	if doc.Find("#priority-D1").Length() != 1 {
		t.Error("priorities have no anchors")
	}
}
