package auditweb

import (
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/templates"
)

// History in people's words: a logged field is named by the label its form gives
// it, in the reader's language, and its value is written as the pages write it
// (money with its currency, dates, statuses and kinds by name, records by their
// names, lists one item a line), never as the columns and JSON the log stores.

// fieldKeys are the form labels of the logged fields: "entity.field" for a field
// of one kind of record, then "field" for the same field anywhere.
var fieldKeys = map[string]string{
	// trips and their reports
	"trip.title": "tripedit.field.title", "trip.purpose": "tripedit.field.purpose",
	"trip.starts_on": "tripedit.field.starts_on", "trip.ends_on": "tripedit.field.ends_on",
	"trip.organiser": "tripedit.field.organiser", "trip.partnership_id": "tripedit.field.partnership",
	"trip.budget_line_id": "tripedit.field.budget_line", "trip.priorities": "tripedit.field.priorities",
	"trip.meeting_id":   "tripedit.field.meeting",
	"trip.destinations": "trip.destinations", "trip.travellers": "trip.travellers",
	"trip.programme": "trip.programme", "trip.costs": "trip.costs", "trip.status": "auditlog.field.status",
	"trip_report.goal": "trip.report.goal", "trip_report.programme_carried_out": "trip.report.programme",
	"trip_report.outcome": "trip.report.outcome", "trip_report.follow_up": "trip.report.follow_up",
	"trip_report.attachments": "trip.attachments",
	// budget lines
	"budget_line.name": "adminedit.budget.field.name", "budget_line.code": "adminedit.field.code",
	"budget_line.fiscal_year": "adminedit.budget.field.year", "budget_line.amount_minor": "adminedit.budget.field.amount",
	"budget_line.carries_over": "adminedit.budget.field.carries_over", "budget_line.owner_kind": "adminedit.budget.field.owner_kind",
	"budget_line.owner_name": "adminedit.budget.field.owner_name", "budget_line.note": "adminedit.budget.field.note",
	"budget_line.source": "adminedit.budget.field.source",
	// agreements
	"agreement.title": "agreementedit.field.title", "agreement.type": "agreementedit.field.type",
	"agreement.status": "agreementedit.field.status", "agreement.signed_on": "agreementedit.field.signed_on",
	"agreement.valid_from": "agreementedit.field.valid_from", "agreement.valid_until": "agreementedit.field.valid_until",
	"agreement.summary": "agreementedit.field.summary", "agreement.source": "agreementedit.field.source",
	"agreement.partnership_id": "agreementedit.field.partnership", "agreement.network_id": "agreementedit.field.network",
	"agreement.filename": "agreementedit.field.document", "agreement.name": "agreementedit.field.parties",
	// policies, priorities, rules
	"policy.title": "adminedit.policy.field.title", "policy.adopted_by": "adminedit.policy.field.adopted_by",
	"policy.adopted_on": "adminedit.policy.field.adopted_on", "policy.full_text": "adminedit.policy.field.full_text",
	"policy.language": "adminedit.policy.field.language", "policy.source": "adminedit.policy.field.source",
	"policy.summary": "adminedit.policy.field.summary", "policy.valid_from": "adminedit.policy.field.valid_from",
	"policy.valid_until": "adminedit.policy.field.valid_until",
	"priority.title":     "adminedit.priorities.field.title", "priority.description": "adminedit.priorities.field.description",
	"priority.kind": "adminedit.priorities.field.kind", "priority.code": "adminedit.field.code", "priority.position": "adminedit.priorities.field.position",
	"policy_rule.description": "adminedit.rules.field.description", "policy_rule.enforcement": "adminedit.rules.field.enforcement",
	"policy_rule.kind": "adminedit.rules.field.kind", "policy_rule.parameters": "adminedit.rules.field.parameters",
	"policy_rule.source_sentence":       "adminedit.rules.field.source_sentence",
	"municipality.report_deadline_days": "adminedit.deadline.field.days",
	// meetings
	"twin_city_meeting.host": "meeting.host", "twin_city_meeting.place": "meeting.place",
	"twin_city_meeting.year": "meeting.year", "twin_city_meeting.participants": "meeting.participants",
	"twin_city_meeting.report": "meeting.report", "twin_city_meeting.evaluation": "meeting.evaluation",
	// partnerships, projects, network memberships: their forms share the labels
	"network_membership.name": "partneredit.field.network_name", "network_membership.since_year": "partneredit.field.member_since",
	"network_membership.until_year": "partneredit.field.member_until",
	"partner_city_id":               "partneredit.field.city_existing", "name": "partneredit.field.city_name",
	"name_en": "partneredit.field.city_name_en", "country": "partneredit.field.country",
	"latitude": "partneredit.field.latitude", "longitude": "partneredit.field.longitude",
	"kind": "partneredit.field.kind", "status": "partneredit.field.status", "since_year": "partneredit.field.since_year",
	"note": "partneredit.field.note", "source": "partneredit.field.source", "contacts": "partneredit.field.contacts",
	"council_decision_ref": "partneredit.field.council_decision_ref", "title": "partneredit.field.title",
	"description": "partneredit.field.description", "funder": "partneredit.field.funder",
	"funding_minor": "partneredit.field.funding", "programme": "partneredit.field.programme",
	"partnership_id": "partneredit.field.partnership", "network_id": "partneredit.field.network",
	"currency": "partneredit.field.currency", "starts_on": "partneredit.field.starts_on",
	"ends_on": "partneredit.field.ends_on", "role": "partneredit.field.role", "website": "partneredit.field.website",
	"coordinator_municipality_id": "partneredit.field.coordinator", "archived_at": "adminedit.field.archived",
	"priorities": "partneredit.field.priorities", "status_note": "partneredit.field.status_note",
	"filename": "agreementedit.field.document",
	// trips' lifecycle steps
	"trip.reference": "trip.reference", "trip.comment": "review.comment",
	"trip.meeting_on": "review.meeting_on", "trip.minutes_reference": "review.minutes",
	// policy versions
	"policy.source_publisher": "policyversion.field.source_publisher", "policy.source_date": "policyversion.field.source_date",
	"policy.headings": "policyversion.field.headings", "policy.priorities": "adminedit.priorities.title",
	"policy.rules": "adminedit.rules.title", "policy.previous_version": "auditlog.field.previous_version",
	// bodies
	"body.kind": "body.kind", "body.name": "body.name", "body.language": "body.language", "body.members": "body.members",
	// notices of cooperation
	"cooperation_notice.department": "notice.field.department", "cooperation_notice.partner": "notice.field.partner",
	"cooperation_notice.summary": "notice.field.summary", "cooperation_notice.starts_on": "notice.field.starts_on",
	"cooperation_notice.noted": "auditlog.field.noted",
	// municipalities the operator adds, archives or removes
	"municipality.slug": "operator.field.slug", "municipality.code": "operator.field.code",
	"municipality.name": "operator.field.name", "municipality.name_en": "operator.field.name_en",
	"municipality.country": "operator.field.country", "municipality.currency": "operator.field.currency",
	"municipality.languages": "operator.field.languages", "municipality.archived": "adminedit.field.archived",
	// a person's notification settings
	"account.notify_email": "notify.settings.on_legend", "account.language": "notify.settings.language",
}

// fieldLabel is the form's label of field of entity, or the field's name in
// words when no form shows it.
func fieldLabel(p templates.Page, entity, field string) string {
	for _, k := range []string{entity + "." + field, field} {
		if key, ok := fieldKeys[k]; ok && p.L.Has(key) {
			return p.L.T(key)
		}
	}
	words := strings.TrimSuffix(strings.TrimSuffix(field, "_id"), "_minor")
	words = strings.ReplaceAll(words, "_", " ")
	if words == "" {
		return field
	}
	return strings.ToUpper(words[:1]) + words[1:]
}

// auditRowFields are the fields an entry changed, in the order the trip form shows
// them, leaving out those that were and are empty (a new record's empty list).
func auditRowFields(r audit.Row) []string {
	order := map[string]int{}
	for i, f := range []string{"title", "purpose", "starts_on", "ends_on", "organiser", "destinations", "travellers",
		"programme", "costs", "priorities", "partnership_id", "meeting_id", "budget_line_id", "status"} {
		order[f] = i + 1
	}
	var out []string
	for _, f := range auditFields(r.Changes) {
		if !blank(r.Changes[f].Old) || !blank(r.Changes[f].New) {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		oi, oj := order[out[i]], order[out[j]]
		if oi == 0 {
			oi = 1000
		}
		if oj == 0 {
			oj = 1000
		}
		return oi < oj
	})
	return out
}

var (
	dateRE    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	instantRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T`)
)

// auditWords writes a logged value of field as the pages write it: one line for
// a single value, one line per item for a list; none for no value.
func auditWords(p templates.Page, r audit.Row, field string, v any) []string {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		var lines []string
		for _, e := range x {
			lines = append(lines, auditItem(p, r, field, e))
		}
		return lines
	case map[string]any:
		return []string{auditItem(p, r, field, x)}
	}
	s := auditScalar(p, r, field, v)
	if s == "" {
		return nil
	}
	return []string{s}
}

// auditItem is one item of a list: a destination, a traveller, a day of the
// programme, a cost line, a priority, a file.
func auditItem(p templates.Page, r audit.Row, field string, v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return auditScalar(p, r, field, v)
	}
	get := func(k string) string { return auditScalar(p, r, k, m[k]) }
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	switch field {
	case "destinations":
		place := get("partner_city_id")
		if place == "" {
			place = p.L.Place(str(m["city"]), str(m["country"]))
		}
		add(place)
		if mode := str(m["transport_mode"]); mode != "" {
			add(p.L.T("transport.mode." + mode))
		}
		if lat, lon := str(m["latitude"]), str(m["longitude"]); lat != "" && lon != "" {
			add(lat + ", " + lon)
		}
	case "travellers":
		add(str(m["name"]))
		add(str(m["role"]))
		add(get("kind"))
		if acc := get("account_id"); acc != "" {
			add(p.L.T("auditlog.words.account", acc))
		}
	case "programme":
		add(get("day"))
		add(str(m["description"]))
		add(str(m["location"]))
	case "costs":
		add(get("category"))
		add(str(m["description"]))
		if pl := get("planned_minor"); pl != "" {
			add(p.L.T("auditlog.words.planned", pl))
		}
		if ac := get("actual_minor"); ac != "" {
			add(p.L.T("auditlog.words.actual", ac))
		}
	case "attachments":
		add(str(m["filename"]))
	default:
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if s := get(k); s != "" {
				add(fieldLabel(p, r.Entity, k) + ": " + s)
			}
		}
	}
	return strings.Join(parts, " · ")
}

// blank reports a value that shows as nothing: none, an empty text or list.
func blank(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	}
	return false
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if n, ok := v.(json.Number); ok {
		return n.String()
	}
	return ""
}

// auditScalar is one value of field.
func auditScalar(p templates.Page, r audit.Row, field string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case bool:
		if x {
			return p.L.T("auditlog.yes")
		}
		return p.L.T("auditlog.no")
	case json.Number:
		if kind, ok := audit.RefKinds[field]; ok {
			id, _ := strconv.ParseInt(x.String(), 10, 64)
			if name := r.Refs.Name(kind, id); name != "" {
				return name
			}
			return p.L.T("auditlog.words.deleted", x.String())
		}
		if strings.HasSuffix(field, "_minor") {
			n, err := strconv.ParseInt(x.String(), 10, 64)
			if err == nil {
				return auditMoney(p, r, n)
			}
		}
		if n, err := x.Int64(); err == nil && !strings.HasSuffix(field, "year") {
			return p.L.Int(n)
		}
		return x.String()
	case string:
		return auditString(p, r, field, x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// auditString is a logged text: dates, instants, statuses and kinds by name.
func auditString(p templates.Page, r audit.Row, field, s string) string {
	switch {
	case s == "":
		return ""
	case dateRE.MatchString(s):
		if d, err := form.ParseDate(s); err == nil {
			return p.L.Date(d)
		}
	case instantRE.MatchString(s):
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return p.L.Date(t) + ", " + p.L.Time(t)
		}
	}
	var key string
	switch {
	case field == "status" && r.Entity == "trip":
		key = trip.StatusKey(s)
	case field == "status" && r.Entity == "agreement":
		key = "agreements.status." + s
	case field == "type" && r.Entity == "agreement":
		key = "agreements.type." + s
	case field == "status":
		key = "partnership.status." + s
	case field == "kind" && (r.Entity == "trip"):
		key = "trip.kind." + s
	case field == "kind" && (r.Entity == "partnership" || r.Entity == "partner"):
		key = "partnership.kind." + s
	case field == "category":
		key = "trip.cost." + s
	case field == "country" && len(s) == 2:
		return p.L.Country(s)
	case field == "transport_mode":
		key = "transport.mode." + s
	}
	if key != "" && p.L.Has(key) {
		return p.L.T(key)
	}
	return s
}

// auditMoney is an amount in minor units, in the entry's currency (its own
// currency field) or else the municipality's.
func auditMoney(p templates.Page, r audit.Row, minor int64) string {
	cur := ""
	if c, ok := r.Changes["currency"]; ok {
		cur = str(c.New)
		if cur == "" {
			cur = str(c.Old)
		}
	}
	if cur == "" && r.Refs != nil {
		cur = r.Refs.Currency
	}
	units := 2
	if r.Refs != nil {
		if u, ok := r.Refs.MinorUnits[cur]; ok {
			units = u
		}
	}
	if cur == "" {
		return p.L.Decimal(minor, units)
	}
	return p.L.Money(minor, cur, units)
}
