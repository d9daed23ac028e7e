package templates

import (
	"context"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/a-h/templ"

	"github.com/municipal-intl/portal/internal/i18n"
)

// Content is a stored text in the language it is written in, for a message that
// names it ("Notify Stadsledningskontoret"): T marks it with its lang, so a
// screen reader speaks the sentence in the page's language and the name in its
// own (WCAG 3.1.2).
type Content struct {
	Text, Lang string
}

// InLang is text written in the language lang.
func InLang(text, lang string) Content { return Content{Text: text, Lang: lang} }

// contentMark stands for the i-th Content argument in the formatted message; a
// message never holds the character U+0000.
func contentMark(i int) string { return fmt.Sprintf("\x00%d\x00", i) }

// T is the message key with args filled in, as l.T gives it, each Content
// argument in a span of its own with its lang.
func T(l *i18n.Localizer, key string, args ...any) templ.Component {
	var contents []Content
	marked := make([]any, len(args))
	for i, a := range args {
		if c, ok := a.(Content); ok {
			marked[i] = contentMark(len(contents))
			contents = append(contents, c)
			continue
		}
		marked[i] = a
	}
	msg := l.T(key, marked...)
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		var b strings.Builder
		parts := strings.Split(msg, "\x00")
		for i, part := range parts {
			// Odd parts are the marks' numbers.
			if i%2 == 0 {
				b.WriteString(html.EscapeString(part))
				continue
			}
			var n int
			if _, err := fmt.Sscanf(part, "%d", &n); err != nil || n >= len(contents) {
				continue
			}
			b.WriteString(langSpan(contents[n]))
		}
		_, err := io.WriteString(w, b.String())
		return err
	})
}

// langSpan is c's text, escaped, in a span with its lang; without a language,
// the text alone.
func langSpan(c Content) string {
	if c.Lang == "" {
		return html.EscapeString(c.Text)
	}
	return `<span lang="` + html.EscapeString(c.Lang) + `">` + html.EscapeString(c.Text) + `</span>`
}

// ContentLang is the language of the signed-in person's municipality, which the
// records they work on are written in; "" for a visitor or the operator.
func (p Page) ContentLang() string {
	if p.User == nil {
		return ""
	}
	return p.User.ContentLang
}

// Lang is the lang attribute of content in language tag, none when the language
// is not known: an empty lang would say the text is in no language.
func Lang(tag string) templ.Attributes {
	if tag == "" {
		return templ.Attributes{}
	}
	return templ.Attributes{"lang": tag}
}
