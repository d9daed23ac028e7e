package policyweb

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
	"github.com/municipal-intl/portal/templates"
)

// The editor of a new policy version (/staff/policy/versions/new): the
// administrator enters the policy from its document and saves it as the
// successor of the current one, which is kept as history.

// The repeated groups of the version form and their fields.
const (
	groupPriority = "priority"
	groupRule     = "rule"
)

var (
	priorityFields = []string{"kind", "code", "title", "description", "sentence"}
	ruleFields     = []string{"kind", "enforcement", "parameters", "sentence", "description"}
)

// draftForm is the version form started from the current policy p (empty when
// there is none): its text, headings, priorities and rules, to be changed.
func draftForm(p *policy.Policy, lang string) VersionForm {
	f := VersionForm{Language: lang}
	if p != nil {
		f = VersionForm{PreviousID: p.ID, Title: p.Title, Language: p.Language, Summary: p.Summary,
			FullText: p.FullText, Headings: strings.Join(p.Headings, "\n"), AdoptedOn: dateInput(p.AdoptedOn),
			AdoptedBy: p.AdoptedBy, ValidFrom: dateInput(p.ValidFrom), ValidUntil: dateInput(p.ValidUntil),
			Source: p.Source, SourcePublisher: p.SourcePublisher, SourceDate: dateInput(p.SourceDate)}
		for _, pr := range p.Priorities {
			f.Priorities = append(f.Priorities, map[string]string{"kind": pr.Kind, "code": pr.Code, "title": pr.Title,
				"description": pr.Description, "sentence": pr.SourceSentence})
		}
		for _, r := range p.Rules {
			f.Rules = append(f.Rules, map[string]string{"kind": r.Kind, "enforcement": r.Enforcement,
				"parameters": prettyJSON(r.Parameters), "sentence": r.SourceSentence, "description": r.Description})
		}
	}
	if len(f.Priorities) == 0 {
		f.Priorities = append(f.Priorities, blankRow(priorityFields))
	}
	if len(f.Rules) == 0 {
		f.Rules = append(f.Rules, blankRow(ruleFields))
	}
	return f
}

func blankRow(fields []string) map[string]string {
	row := map[string]string{}
	for _, f := range fields {
		row[f] = ""
	}
	return row
}

func (h *Handlers) newVersion(w http.ResponseWriter, r *http.Request) error {
	var cur *policy.Policy
	p, err := h.store().Current(r.Context(), workspaceweb.Me(r).MunicipalityID)
	switch {
	case err == nil:
		cur = &p
	case !errors.Is(err, policy.ErrNotFound):
		return err
	}
	return h.renderVersion(w, r, http.StatusOK, VersionView{Form: draftForm(cur, web.L(r).Lang)})
}

func (h *Handlers) renderVersion(w http.ResponseWriter, r *http.Request, status int, v VersionView) error {
	l := web.L(r)
	v.Kinds = policy.RuleKinds
	v.PriorityKinds = policy.PriorityKinds
	title := l.T("policyversion.new.title")
	p := h.page(w, r, v.Errors, title,
		templates.Crumb{Label: l.T("adminedit.policy.title"), Href: "/staff/policy"},
		templates.Crumb{Label: l.T("policyversion.list.title"), Href: "/staff/policy/versions"},
		templates.Crumb{Label: title})
	return web.Render(w, r, status, VersionPage(p, v))
}

// readVersionForm reads the posted version form as typed.
func readVersionForm(r *http.Request) VersionForm {
	prev, _ := strconv.ParseInt(r.PostFormValue("previous_id"), 10, 64)
	return VersionForm{
		PreviousID: prev, Title: r.PostFormValue("title"), Language: r.PostFormValue("language"),
		Summary: r.PostFormValue("summary"), FullText: r.PostFormValue("full_text"), Headings: r.PostFormValue("headings"),
		AdoptedOn: r.PostFormValue("adopted_on"), AdoptedBy: r.PostFormValue("adopted_by"),
		ValidFrom: r.PostFormValue("valid_from"), ValidUntil: r.PostFormValue("valid_until"),
		Source: r.PostFormValue("source"), SourcePublisher: r.PostFormValue("source_publisher"),
		SourceDate: r.PostFormValue("source_date"),
		Priorities: form.Rows(r.PostForm, groupPriority, priorityFields...),
		Rules:      form.Rows(r.PostForm, groupRule, ruleFields...),
	}
}

// createVersion reads the document, adds or removes a row, or saves the new
// version, as the pressed button says.
func (h *Handlers) createVersion(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseForm(r); err != nil {
		return err
	}
	f := readVersionForm(r)
	action := r.PostFormValue("action")
	var edited bool
	if f.Priorities, edited = form.EditRows(f.Priorities, action, groupPriority, priorityFields...); edited {
		return h.renderVersion(w, r, http.StatusOK, VersionView{Form: f})
	}
	if f.Rules, edited = form.EditRows(f.Rules, action, groupRule, ruleFields...); edited {
		return h.renderVersion(w, r, http.StatusOK, VersionView{Form: f})
	}
	if action == "extract" {
		return h.extractDocument(w, r, f)
	}
	ctx := r.Context()
	me := workspaceweb.Me(r)
	bodies, err := h.store().BodyNames(ctx, me.MunicipalityID)
	if err != nil {
		return err
	}
	d, errs := parseVersion(f, bodies)
	if errs.Any() {
		return h.renderVersion(w, r, http.StatusUnprocessableEntity, VersionView{Form: f, Errors: errs})
	}
	err = h.store().Transact(ctx, func(st *policy.Store) error {
		id, err := st.CreateVersion(ctx, me.MunicipalityID, f.PreviousID, d)
		if err != nil {
			return err
		}
		values := d.Values()
		if f.PreviousID != 0 {
			values["previous_version"] = f.PreviousID
		}
		return st.Record(ctx, entry(r, "policy", id, audit.ActionCreate, audit.Created(values)))
	})
	if errors.Is(err, policy.ErrConflict) {
		return h.renderVersion(w, r, http.StatusConflict, VersionView{Form: f, Stale: true})
	}
	if err != nil {
		return err
	}
	return h.Done(w, r, "/staff/policy", "policyversion.flash.saved")
}

// extractDocument puts the text of the uploaded document into the form's full
// text, for the administrator to check and mark its headings; nothing is saved.
func (h *Handlers) extractDocument(w http.ResponseWriter, r *http.Request, f VersionForm) error {
	var errs form.Errors
	file, _, err := r.FormFile("document")
	if err != nil {
		errs.Add("document", "policyversion.error.document_missing")
		return h.renderVersion(w, r, http.StatusUnprocessableEntity, VersionView{Form: f, Errors: errs})
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, policy.MaxDocumentBytes+1))
	if err != nil {
		return err
	}
	text, err := policy.DocumentText(data)
	switch {
	case len(data) > policy.MaxDocumentBytes:
		errs.Add("document", "policyversion.error.document_too_large")
	case errors.Is(err, policy.ErrNoText):
		errs.Add("document", "policyversion.error.document_scanned")
	case errors.Is(err, policy.ErrDocumentType):
		errs.Add("document", "policyversion.error.document_type")
	case errors.Is(err, policy.ErrUnreadablePDF):
		errs.Add("document", "policyversion.error.document_unreadable")
	case err != nil:
		return err
	}
	if errs.Any() {
		return h.renderVersion(w, r, http.StatusUnprocessableEntity, VersionView{Form: f, Errors: errs})
	}
	f.FullText = text
	return h.renderVersion(w, r, http.StatusOK, VersionView{Form: f, Extracted: true})
}

// parseVersion validates the typed version: every heading is a line of the
// text, every priority and rule quotes a sentence of it, rules come from the
// catalogue with a label their check can keep and the parameters it reads.
// A body a rule names must be one of bodies, the municipality's recorded
// bodies. Blank rows are left out.
func parseVersion(f VersionForm, bodies []string) (policy.Draft, form.Errors) {
	rec, errs := parsePolicy(AdminPolicyForm{Title: f.Title, Language: f.Language, Summary: f.Summary,
		FullText: f.FullText, AdoptedOn: f.AdoptedOn, AdoptedBy: f.AdoptedBy, ValidFrom: f.ValidFrom,
		ValidUntil: f.ValidUntil, Source: f.Source})
	d := policy.Draft{Record: rec, SourcePublisher: strings.TrimSpace(f.SourcePublisher)}
	d.SourceDate = optionalDate(&errs, "source_date", f.SourceDate)
	if d.Source == "" {
		errs.Add("source", "policyversion.error.source")
	}
	for _, line := range strings.Split(f.Headings, "\n") {
		if line = policy.NormalizeSpace(line); line != "" {
			d.Headings = append(d.Headings, line)
		}
	}
	if missing := policy.HeadingsNotInText(rec.FullText, d.Headings); len(missing) > 0 && rec.FullText != "" {
		errs.Add("headings", "policyversion.error.headings", "“"+strings.Join(missing, "”, “")+"”")
	}
	codes := map[string]bool{}
	for i, row := range f.Priorities {
		if blank(row) {
			continue
		}
		name := func(field string) string { return form.RowName(groupPriority, i, field) }
		pr := policy.Priority{Kind: row["kind"], Code: strings.ToUpper(strings.TrimSpace(row["code"])),
			Title: strings.TrimSpace(row["title"]), Description: strings.TrimSpace(row["description"]),
			SourceSentence: policy.NormalizeSpace(row["sentence"])}
		if !slices.Contains(policy.PriorityKinds, pr.Kind) {
			errs.Add(name("kind"), "adminedit.priorities.error.kind")
		}
		switch {
		case !codeRE.MatchString(pr.Code):
			errs.Add(name("code"), "adminedit.error.code_pattern")
		case codes[pr.Code]:
			errs.Add(name("code"), "policyversion.error.code_twice")
		}
		codes[pr.Code] = true
		if pr.Title == "" {
			errs.Add(name("title"), "adminedit.priorities.error.title")
		}
		quoted(&errs, name("sentence"), rec.FullText, pr.SourceSentence)
		d.Priorities = append(d.Priorities, pr)
	}
	kinds := map[string]bool{}
	for i, row := range f.Rules {
		if blank(row) {
			continue
		}
		name := func(field string) string { return form.RowName(groupRule, i, field) }
		ru := policy.RuleRecord{Kind: row["kind"], Enforcement: row["enforcement"],
			SourceSentence: policy.NormalizeSpace(row["sentence"]), Description: strings.TrimSpace(row["description"])}
		k, ok := policy.LookupKind(ru.Kind)
		switch {
		case !ok:
			errs.Add(name("kind"), "adminedit.rules.error.kind")
		case kinds[ru.Kind]:
			errs.Add(name("kind"), "policyversion.error.kind_twice")
		case !k.Allows(ru.Enforcement):
			errs.Add(name("enforcement"), "policyversion.error.label", labelList(k))
		}
		kinds[ru.Kind] = true
		params := strings.TrimSpace(row["parameters"])
		if params == "" {
			params = "{}"
		}
		var err error
		if ru.Parameters, err = policy.ParseObject(params); err != nil {
			errs.Add(name("parameters"), "adminedit.rules.error.parameters")
		} else if ok {
			if err := k.CheckParams(ru.Parameters); err != nil {
				errs.Add(name("parameters"), "policyversion.error.parameters", err.Error())
			} else {
				unknownBody(&errs, name("parameters"), k, ru.Parameters, bodies)
			}
		}
		quoted(&errs, name("sentence"), rec.FullText, ru.SourceSentence)
		d.Rules = append(d.Rules, ru)
	}
	return d, errs
}

func labelList(k policy.RuleKind) string { return strings.Join(k.Labels, ", ") }

// unknownBody adds an error to field when params name a body that is not one
// of bodies (the municipality's recorded bodies).
func unknownBody(errs *form.Errors, field string, k policy.RuleKind, params map[string]any, bodies []string) {
	if name := k.UnknownBody(params, bodies); name != "" {
		errs.Add(field, "adminedit.rules.error.unknown_body", name, strings.Join(bodies, ", "))
	}
}

// quoted adds an error to field unless sentence is a sentence of text.
func quoted(errs *form.Errors, field, text, sentence string) {
	switch {
	case sentence == "":
		errs.Add(field, "adminedit.rules.error.sentence_required")
	case text != "" && !policy.Quotes(text, sentence):
		errs.Add(field, "adminedit.rules.error.sentence_not_in_text")
	}
}

// blank reports whether a row has nothing typed in it (a rule's preset label
// alone does not count).
func blank(row map[string]string) bool {
	for k, v := range row {
		if k != "enforcement" && strings.TrimSpace(v) != "" && !(k == "parameters" && strings.TrimSpace(v) == "{}") {
			return false
		}
	}
	return true
}
