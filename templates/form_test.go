package templates

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/i18n"
)

func renderDoc(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func formPage(lang string) Page { return Page{L: i18n.MustLoad().Localizer(lang)} }

func TestErrorSummary(t *testing.T) {
	p := formPage("de")
	if doc := renderDoc(t, ErrorSummary(p, nil)); doc.Find(".error-summary").Length() != 0 {
		t.Error("a summary without errors is rendered")
	}
	var errs form.Errors
	errs.Add("purpose", form.KeyMoneyRequired)
	errs.Add("amount", form.KeyMoneyDecimals, 2)
	errs.Add("amount", form.KeyMoneyFormat) // only the first problem of a field is listed
	doc := renderDoc(t, ErrorSummary(p, errs))
	s := doc.Find(".error-summary")
	if s.Length() != 1 || s.AttrOr("role", "") != "alert" || s.AttrOr("tabindex", "") != "-1" {
		t.Fatalf("summary: %s", doc.Text())
	}
	if h := s.Find("h2#error-summary-title").Text(); h != "Es gibt ein Problem" || s.AttrOr("aria-labelledby", "") != "error-summary-title" {
		t.Errorf("heading = %q", h)
	}
	links := s.Find("li a")
	want := []struct{ href, text string }{
		{"#purpose", "Geben Sie einen Betrag ein"},
		{"#amount", "Geben Sie den Betrag mit höchstens 2 Nachkommastellen ein"},
	}
	if links.Length() != len(want) {
		t.Fatalf("%d links, want %d", links.Length(), len(want))
	}
	links.Each(func(i int, a *goquery.Selection) {
		if a.AttrOr("href", "") != want[i].href || a.Text() != want[i].text {
			t.Errorf("link %d = %s %q, want %s %q", i, a.AttrOr("href", ""), a.Text(), want[i].href, want[i].text)
		}
	})
	if got := ErrorTitle(p, "Neue Reise", errs); got != "Fehler: Neue Reise" {
		t.Errorf("ErrorTitle = %q", got)
	}
	if got := ErrorTitle(p, "Neue Reise", nil); got != "Neue Reise" {
		t.Errorf("ErrorTitle without errors = %q", got)
	}
}

// TestFieldsAccessible checks each component's label, hint, error and the ARIA that
// ties them to the control.
func TestFieldsAccessible(t *testing.T) {
	p := formPage("en")
	opts := []Option{{Value: "", Label: "Choose"}, {Value: "a", Label: "A"}, {Value: "b", Label: "B"}}
	cases := []struct {
		name    string
		render  func(Page, Field) templ.Component
		control string
	}{
		{"text", TextField, "input"},
		{"textarea", TextArea, "textarea"},
		{"select", SelectField, "select"},
		{"date", DateField, "input"},
		{"money", MoneyField, "input"},
	}
	for _, tc := range cases {
		t.Run(tc.name+"/plain", func(t *testing.T) {
			doc := renderDoc(t, tc.render(p, Field{ID: "f", Label: "Purpose", Options: opts}))
			c := doc.Find(tc.control + "#f")
			if c.Length() != 1 || c.AttrOr("name", "") != "f" {
				t.Fatalf("control: %v", c.Nodes)
			}
			if strings.TrimSpace(doc.Find(`label[for="f"]`).Text()) != "Purpose" {
				t.Errorf("label = %q", doc.Find(`label[for="f"]`).Text())
			}
			for _, attr := range []string{"aria-invalid", "aria-describedby", "aria-required"} {
				if _, ok := c.Attr(attr); ok {
					t.Errorf("%s on a plain field", attr)
				}
			}
			if doc.Find(".form-error, .form-hint, .form-group--error").Length() != 0 {
				t.Error("hint or error shown on a plain field")
			}
		})
		t.Run(tc.name+"/hint-error-required", func(t *testing.T) {
			f := Field{ID: "f", Name: "field", Label: "Purpose", Hint: "Why you go", Error: "Enter the purpose",
				Required: true, Options: opts}
			doc := renderDoc(t, tc.render(p, f))
			c := doc.Find(tc.control + "#f")
			if c.AttrOr("name", "") != "field" {
				t.Errorf("name = %q", c.AttrOr("name", ""))
			}
			if c.AttrOr("aria-invalid", "") != "true" || c.AttrOr("aria-required", "") != "true" {
				t.Errorf("aria-invalid/aria-required missing")
			}
			ids := strings.Fields(c.AttrOr("aria-describedby", ""))
			if len(ids) < 2 || ids[0] != "f-hint" || ids[1] != "f-error" {
				t.Errorf("aria-describedby = %v", ids)
			}
			if doc.Find("#f-hint").Text() != "Why you go" {
				t.Errorf("hint = %q", doc.Find("#f-hint").Text())
			}
			e := doc.Find("#f-error.form-error")
			if e.Text() != "Error: Enter the purpose" || e.Find(".visually-hidden").Text() != "Error: " {
				t.Errorf("error = %q", e.Text())
			}
			if !c.HasClass("form-input--error") || doc.Find(".form-group.form-group--error").Length() != 1 {
				t.Error("error classes missing")
			}
			if !strings.Contains(doc.Find("label").Text(), "(required)") {
				t.Errorf("label = %q", doc.Find("label").Text())
			}
		})
	}
}

func TestFieldValues(t *testing.T) {
	p := formPage("de")
	typed := "  1.234,5 € <b>"
	doc := renderDoc(t, MoneyField(p, Field{ID: "cost", Label: "Kosten", Value: typed, Currency: "EUR", Hint: "h"}))
	in := doc.Find("input#cost")
	if in.AttrOr("value", "") != typed || in.AttrOr("inputmode", "") != "decimal" || in.AttrOr("type", "") != "text" {
		t.Errorf("money input: value %q inputmode %q", in.AttrOr("value", ""), in.AttrOr("inputmode", ""))
	}
	if got := in.AttrOr("aria-describedby", ""); got != "cost-hint cost-currency" {
		t.Errorf("aria-describedby = %q", got)
	}
	if doc.Find(".form-affixed input + #cost-currency").Text() != "EUR" {
		t.Error("German: the currency should follow the input")
	}
	doc = renderDoc(t, MoneyField(formPage("en"), Field{ID: "cost", Label: "Cost", Currency: "DKK"}))
	if doc.Find(".form-affixed #cost-currency + input").Length() != 1 {
		t.Error("English: the currency should precede the input")
	}

	doc = renderDoc(t, TextArea(p, Field{ID: "t", Label: "Text", Value: "\nfirst line kept\n<script>"}))
	if got := doc.Find("textarea#t").Text(); got != "\nfirst line kept\n<script>" {
		t.Errorf("textarea value = %q", got)
	}
	if doc.Find("textarea#t").AttrOr("rows", "") != "5" {
		t.Error("default rows")
	}

	doc = renderDoc(t, TextField(p, Field{ID: "e", Label: "E-Mail", Type: "email", Autocomplete: "email"}))
	if in := doc.Find("input#e"); in.AttrOr("type", "") != "email" || in.AttrOr("autocomplete", "") != "email" {
		t.Error("type/autocomplete")
	}
	doc = renderDoc(t, TextField(p, Field{ID: "e", Label: "x", Type: "hidden\" onfocus=\"x"}))
	if doc.Find("input#e").AttrOr("type", "") != "text" {
		t.Error("unknown types fall back to text")
	}

	doc = renderDoc(t, DateField(p, Field{ID: "d", Label: "Datum", Value: "9.10.2014"}))
	if in := doc.Find("input#d"); in.AttrOr("type", "") != "date" || in.AttrOr("value", "") != "9.10.2014" {
		t.Error("date input")
	}

	doc = renderDoc(t, SelectField(p, Field{ID: "s", Label: "S", Value: "b",
		Options: []Option{{Value: "", Label: "Wählen"}, {Value: "a", Label: "A"}, {Value: "b", Label: "B"}}}))
	if sel := doc.Find("select#s option[selected]"); sel.Length() != 1 || sel.AttrOr("value", "") != "b" {
		t.Errorf("selected options: %d", sel.Length())
	}
}

func TestCheckboxGroup(t *testing.T) {
	p := formPage("sv")
	f := Field{ID: "prio", Name: "priority", Label: "Prioriteringar", Hint: "Välj alla som gäller",
		Error: "Välj minst en", Required: true, Options: []Option{
			{Value: "1", Label: "Ett", Selected: true},
			{Value: "2", Label: "Två", Hint: "Om två"},
			{Value: "3", Label: "Tre", Selected: true},
		}}
	doc := renderDoc(t, CheckboxGroup(p, f))
	fs := doc.Find("fieldset")
	if fs.AttrOr("aria-describedby", "") != "prio-hint prio-error" {
		t.Errorf("fieldset aria-describedby = %q", fs.AttrOr("aria-describedby", ""))
	}
	if lg := fs.Find("legend").Text(); !strings.Contains(lg, "Prioriteringar") || !strings.Contains(lg, "obligatoriskt") {
		t.Errorf("legend = %q", lg)
	}
	boxes := fs.Find(`input[type="checkbox"]`)
	wantIDs := []string{"prio", "prio-1", "prio-2"}
	if boxes.Length() != 3 {
		t.Fatalf("%d checkboxes", boxes.Length())
	}
	boxes.Each(func(i int, b *goquery.Selection) {
		id := b.AttrOr("id", "")
		if id != wantIDs[i] || b.AttrOr("name", "") != "priority" {
			t.Errorf("checkbox %d: id %q name %q", i, id, b.AttrOr("name", ""))
		}
		if doc.Find(`label[for="`+id+`"]`).Length() != 1 {
			t.Errorf("checkbox %s has no label", id)
		}
		_, checked := b.Attr("checked")
		if checked != f.Options[i].Selected {
			t.Errorf("checkbox %s checked = %v", id, checked)
		}
	})
	if doc.Find("#prio-1").AttrOr("aria-describedby", "") != "prio-1-hint" || doc.Find("#prio-1-hint").Text() != "Om två" {
		t.Error("option hint")
	}
	if doc.Find("#prio-error").Length() != 1 {
		t.Error("error message")
	}
}

func TestButtons(t *testing.T) {
	cases := []struct {
		name  string
		c     templ.Component
		value string
	}{
		{"submit", SubmitButton("Save", "save"), "save"},
		{"secondary", SecondaryButton("Draft", "draft"), "draft"},
		{"add", AddRowButton("Add another traveller", "traveller"), "add:traveller"},
		{"remove", RemoveRowButton("Remove traveller 2", "traveller", 1), "remove:traveller:1"},
		{"default", DefaultAction("Save", "save"), "save"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := renderDoc(t, tc.c).Find("button")
			if b.AttrOr("type", "") != "submit" || b.AttrOr("name", "") != "action" || b.AttrOr("value", "") != tc.value {
				t.Errorf("button: type %q name %q value %q", b.AttrOr("type", ""), b.AttrOr("name", ""), b.AttrOr("value", ""))
			}
			verb, _, _ := form.ParseAction(b.AttrOr("value", ""))
			if verb == "" {
				t.Errorf("form.ParseAction cannot read %q", b.AttrOr("value", ""))
			}
		})
	}
	d := renderDoc(t, DefaultAction("Save", "save")).Find("button")
	if d.AttrOr("tabindex", "") != "-1" || d.AttrOr("aria-hidden", "") != "true" {
		t.Error("the default action should be out of the tab order and hidden")
	}
}
