package server_test

import (
	"fmt"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/text/language"
)

// langCheck adds up what the pages showed.
type langCheck struct {
	needles  *needles
	found    map[string]int // kind → texts checked
	checked  int
	failures map[string]bool
}

func (ck *langCheck) merge(r pageResult) {
	for _, f := range r.failures {
		ck.failures[f] = true
	}
	for k, n := range r.found {
		ck.found[k] += n
	}
	ck.checked += r.checked
}

// pageResult is what one page showed: the failures, and the texts checked by kind.
type pageResult struct {
	failures []string
	found    map[string]int
	checked  int
}

func (r *pageResult) fail(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}

// checkPage checks the page at path in the interface language ui.
func checkPage(path, ui string, doc *goquery.Document, ns *needles) pageResult {
	r := pageResult{found: map[string]int{}}
	if got := doc.Find("html").AttrOr("lang", ""); got != ui {
		r.fail("%s (%s): <html lang=%q>, want %q", path, ui, got, ui)
	}
	doc.Find("[lang]").Each(func(_ int, s *goquery.Selection) {
		v := s.AttrOr("lang", "")
		if v == "" {
			r.fail("%s: <%s lang=\"\"> around %q", path, goquery.NodeName(s), clip(normalize(s.Text())))
		} else if _, err := language.Parse(v); err != nil {
			r.fail("%s: <%s lang=%q> is not a BCP 47 tag", path, goquery.NodeName(s), v)
		}
	})
	body := doc.Find("body").Get(0)
	if body == nil {
		r.fail("%s (%s): no body", path, ui)
		return r
	}
	texts := map[*html.Node]string{}
	collectText(body, texts)
	all := texts[body]
	words := map[string]bool{}
	for _, w := range splitWords(all) {
		words[w] = true
	}
	var shown []*needle
	for _, n := range ns.candidates(words) {
		if containsWords(all, n.text) {
			shown = append(shown, n)
		}
	}
	for _, n := range shown {
		for _, el := range holders(body, n.text, texts) {
			if within(n, el, shown, texts) {
				continue
			}
			r.checked++
			for _, k := range n.kinds {
				r.found[k]++
			}
			got, holder := nearestLang(el)
			if !slices.ContainsFunc(n.langs, func(l string) bool { return primary(l) == primary(got) }) {
				where := fmt.Sprintf("lang=%q on <%s>", got, holder.Data)
				if holder.Data == "html" {
					where = "only the page's lang"
				}
				r.fail("%s: %s %q in <%s%s> has %s, want %s", path, n.kinds[0], clip(n.text), el.Data, classOf(el), where, strings.Join(n.langs, " or "))
			}
		}
	}
	return r
}

// within reports whether n is part of a longer text shown in el, which carries
// the language: a body's name in a rule's description, an organiser in the
// name of a budget line.
func within(n *needle, el *html.Node, shown []*needle, texts map[*html.Node]string) bool {
	for _, m := range shown {
		if len(m.text) > len(n.text) && strings.Contains(m.text, n.text) && containsWords(texts[el], m.text) {
			return true
		}
	}
	return false
}

// collectText stores each element's text (scripts and styles aside).
func collectText(n *html.Node, texts map[*html.Node]string) string {
	switch n.Type {
	case html.TextNode:
		return n.Data
	case html.ElementNode:
		if n.Data == "script" || n.Data == "style" || n.Data == "template" {
			return ""
		}
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(collectText(c, texts))
	}
	if n.Type != html.ElementNode {
		return b.String()
	}
	texts[n] = normalize(b.String())
	if blocks[n.Data] {
		// A block's text does not run on into the next one's, as on a screen.
		return " " + b.String() + " "
	}
	return b.String()
}

// blocks are the elements a browser shows apart from the text around them.
var blocks = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "caption": true,
	"dd": true, "details": true, "div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "header": true, "hr": true, "label": true, "legend": true, "li": true, "main": true, "nav": true,
	"ol": true, "option": true, "p": true, "section": true, "summary": true, "table": true, "td": true,
	"th": true, "tr": true, "ul": true, "text": true, "title": true, "desc": true, "textarea": true,
}

// holders are the innermost elements under n whose text holds text.
func holders(n *html.Node, text string, texts map[*html.Node]string) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if s, ok := texts[c]; ok && containsWords(s, text) {
			out = append(out, holders(c, text, texts)...)
		}
	}
	if len(out) == 0 {
		return []*html.Node{n}
	}
	return out
}

// nearestLang is the lang of n or its nearest ancestor that has one, and that element.
func nearestLang(n *html.Node) (string, *html.Node) {
	for e := n; e != nil; e = e.Parent {
		for _, a := range e.Attr {
			if a.Key == "lang" && a.Namespace == "" {
				return a.Val, e
			}
		}
	}
	return "", n
}

func classOf(n *html.Node) string {
	for _, a := range n.Attr {
		if a.Key == "class" {
			return " class=" + strings.Fields(a.Val + " x")[0]
		}
	}
	return ""
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
