package trip

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// RuleReportApproval is the policy rule under which a report must be approved before
// publication; without it, a submitted report publishes the trip.
const RuleReportApproval = "report_approval_before_publication"

// Result is what an action did.
type Result struct {
	From, To  string
	Reference string
	Published bool
}

// Decision is what a committee's decision carries: the date of the meeting at
// which it was taken and the reference of its minutes.
type Decision struct {
	MeetingOn time.Time
	Minutes   string
}

// Apply takes action on trip id of the municipality as actor, at now, in one
// transaction: checks it, assigns the public reference at the first submission,
// moves the status, stamps the times, logs the transition with the comment and
// writes the audit log. A refusal is returned as *Refusal.
func (s *Store) Apply(ctx context.Context, municipalityID, id int64, action string, actor Actor, comment string, now time.Time) (Result, error) {
	return s.ApplyDecision(ctx, municipalityID, id, action, actor, comment, Decision{}, now)
}

// ApplyDecision is Apply with the committee's decision d, which a decision by a
// committee (Facts.DecisionByCommittee) requires and records with the step.
func (s *Store) ApplyDecision(ctx context.Context, municipalityID, id int64, action string, actor Actor, comment string, d Decision, now time.Time) (Result, error) {
	var res Result
	err := s.transact(ctx, func(tx pgx.Tx) error {
		f, ref, err := loadFacts(ctx, tx, municipalityID, id, now, true)
		if err != nil {
			return err
		}
		if actor.Bodies == nil {
			if actor.Bodies, err = actorBodies(ctx, tx, actor.ID); err != nil {
				return err
			}
		}
		to, refusal := Check(f, action, actor, comment)
		if refusal != nil {
			return refusal
		}
		var bodyID *int64
		var meetingOn *time.Time
		minutes := ""
		if f.DecisionByCommittee(action) {
			var missing []string
			if d.MeetingOn.IsZero() {
				missing = append(missing, "lifecycle.missing.meeting_on")
			}
			if d.Minutes == "" {
				missing = append(missing, "lifecycle.missing.minutes")
			}
			if len(missing) > 0 {
				return refuse(missing...)
			}
			b := f.approvalOf(action).BodyID
			bodyID, meetingOn, minutes = &b, &d.MeetingOn, d.Minutes
		}
		res = Result{From: f.Status, To: to, Reference: ref}
		if action == Submit && ref == "" {
			if res.Reference, err = nextReference(ctx, tx, municipalityID, f.ReferenceYear(now)); err != nil {
				return err
			}
		}
		steps := []struct{ action, from, to string }{{action, f.Status, to}}
		// Publication follows the report: at its approval, or at its submission
		// where no rule asks for an approval of this trip's report.
		if action == ApproveReport || (action == SubmitReport && !f.ReportApproval.Needed) {
			steps = append(steps, struct{ action, from, to string }{Publish, to, StatusPublished})
			res.To, res.Published = StatusPublished, true
		}
		if _, err := tx.Exec(ctx, `
UPDATE trip SET status = $3, reference = coalesce(reference, nullif($4, '')), updated_at = $5, version = version + 1,
       submitted_at       = CASE WHEN $6::text = $7::text THEN $5 ELSE submitted_at END,
       approved_at        = CASE WHEN $6::text = $8::text OR $3::text = $12::text THEN $5 ELSE approved_at END,
       completed_at       = CASE WHEN $6::text = $9::text THEN $5 ELSE completed_at END,
       report_approved_at = CASE WHEN $6::text = $10::text THEN $5 ELSE report_approved_at END,
       published_at       = CASE WHEN $3::text = $11::text THEN $5 ELSE published_at END
WHERE id = $1 AND municipality_id = $2`, id, municipalityID, res.To, res.Reference, now, action,
			Submit, Approve, Complete, ApproveReport, StatusPublished, StatusApproved); err != nil {
			return fmt.Errorf("move trip %d: %w", id, err)
		}
		for i, s := range steps {
			c := comment
			if s.action == Publish {
				c = ""
			}
			var b *int64
			var m *time.Time
			mins := ""
			if i == 0 {
				b, m, mins = bodyID, meetingOn, minutes
			}
			if _, err := tx.Exec(ctx, `
INSERT INTO trip_transition (trip_id, action, from_status, to_status, actor_id, comment, at, body_id, meeting_on, minutes_reference)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, id, s.action, s.from, s.to, actor.ID, c, now, b, m, mins); err != nil {
				return fmt.Errorf("log transition of trip %d: %w", id, err)
			}
		}
		if err := notices(ctx, tx, municipalityID, id, f, action, res.To, comment); err != nil {
			return err
		}
		changes := map[string]audit.Change{"status": {Old: f.Status, New: res.To}}
		if ref == "" && res.Reference != "" {
			changes["reference"] = audit.Change{Old: nil, New: res.Reference}
		}
		if comment != "" {
			changes["comment"] = audit.Change{Old: nil, New: comment}
		}
		if bodyID != nil {
			changes["meeting_on"] = audit.Change{Old: nil, New: d.MeetingOn.Format(time.DateOnly)}
			changes["minutes_reference"] = audit.Change{Old: nil, New: d.Minutes}
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &actor.ID, MunicipalityID: &municipalityID,
			Entity: "trip", EntityID: id, Action: audit.ActionTransition, Changes: changes})
	})
	return res, err
}

// Facts returns the facts of trip id of the municipality on day today, for the
// buttons a page shows (Available) and what it says about approval and
// publication: the policy's rules apply only if the policy is valid today.
func (s *Store) Facts(ctx context.Context, municipalityID, id int64, today time.Time) (Facts, error) {
	f, _, err := loadFacts(ctx, s.db, municipalityID, id, today, false)
	return f, err
}

// ActorBodies returns the bodies account belongs to.
func (s *Store) ActorBodies(ctx context.Context, account int64) ([]int64, error) {
	return actorBodies(ctx, s.db, account)
}

func actorBodies(ctx context.Context, db database.Querier, account int64) ([]int64, error) {
	rows, err := db.Query(ctx, `SELECT body_id FROM body_member WHERE account_id = $1 ORDER BY body_id`, account)
	if err != nil {
		return nil, fmt.Errorf("bodies of account %d: %w", account, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("bodies of account %d: %w", account, err)
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}

// loadFacts reads the facts of trip id on day today, locking it against
// concurrent moves when lock is set, with what the policy's rules ask of it
// (only while the policy is valid today; see rules.on).
func loadFacts(ctx context.Context, db database.Querier, municipalityID, id int64, today time.Time, lock bool) (Facts, string, error) {
	f := Facts{Today: today}
	var author *int64
	var ref *string
	var lineCurrency *string
	var starts, ends *time.Time
	var bodyID *int64
	var bodyKind *string
	var meeting bool
	var kinds []string
	sql := `
SELECT t.starts_on, t.ends_on, t.status, t.author_id, t.title <> '', t.purpose <> '', t.starts_on IS NOT NULL AND t.ends_on IS NOT NULL, t.reference,
       t.currency, b.currency, b.body_id, (SELECT kind FROM body WHERE id = b.body_id),
       (SELECT count(*) FROM trip_destination WHERE trip_id = t.id),
       (SELECT count(*) FROM trip_traveller WHERE trip_id = t.id),
       (SELECT count(*) FROM trip_cost WHERE trip_id = t.id),
       (SELECT count(*) FROM trip_cost WHERE trip_id = t.id AND planned_minor IS NOT NULL),
       (SELECT count(*) FROM trip_cost WHERE trip_id = t.id AND actual_minor IS NOT NULL),
       (SELECT count(*) FROM trip_programme_item WHERE trip_id = t.id),
       coalesce((SELECT goal <> '' FROM trip_report WHERE trip_id = t.id), false),
       coalesce((SELECT outcome <> '' FROM trip_report WHERE trip_id = t.id), false),
       (SELECT array_agg(account_id) FROM trip_traveller WHERE trip_id = t.id AND account_id IS NOT NULL),
       t.meeting_id IS NOT NULL,
       coalesce((SELECT array_agg(DISTINCT kind) FROM trip_traveller WHERE trip_id = t.id), '{}')
FROM trip t LEFT JOIN budget_line b ON b.id = t.budget_line_id
WHERE t.id = $1 AND t.municipality_id = $2 AND t.archived_at IS NULL`
	if lock {
		sql += ` FOR UPDATE OF t`
	}
	err := db.QueryRow(ctx, sql, id, municipalityID).Scan(&starts, &ends, &f.Status, &author, &f.HasTitle, &f.HasPurpose, &f.HasDates, &ref,
		&f.Currency, &lineCurrency, &bodyID, &bodyKind, &f.Destinations, &f.Travellers, &f.CostLines, &f.PlannedCostLines,
		&f.ActualCostLines, &f.Programme, &f.ReportGoal, &f.ReportOutcome, &f.TravellerAccounts, &meeting, &kinds)
	if errors.Is(err, pgx.ErrNoRows) {
		return f, "", fmt.Errorf("trip %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return f, "", fmt.Errorf("load trip %d: %w", id, err)
	}
	if author != nil {
		f.AuthorID = *author
	}
	if lineCurrency != nil {
		f.BudgetLineCurrency = *lineCurrency
	}
	if starts != nil {
		f.StartsOn = *starts
	}
	if ends != nil {
		f.EndsOn = *ends
	}
	all, err := readRules(ctx, db, municipalityID)
	if err != nil {
		return f, "", err
	}
	valid, lapsed := all.on(today)
	subject := subjectOf(bodyID, bodyKind, meeting)
	valid.apply(&f, subject, kinds)
	f.Lapsed = lapsed.binding(today, subject, kinds)
	r := ""
	if ref != nil {
		r = *ref
	}
	return f, r, nil
}

// subjectOf is the trip as the approval rules look at it: the body holding its
// budget line (political unless a department) and whether it goes to a meeting.
func subjectOf(bodyID *int64, bodyKind *string, meeting bool) Subject {
	s := Subject{Meeting: meeting}
	if bodyID != nil {
		s.BodyID = *bodyID
		s.Political = bodyKind != nil && *bodyKind != "department"
	}
	return s
}

// rules are the municipality's current rules the lifecycle reads, by kind.
type rules map[string]Rule

// apply sets what the rules ask of a trip (subject s, travellers of kinds) in f.
func (rs rules) apply(f *Facts, s Subject, kinds []string) {
	plan, hasPlan := rs[RulePlanApproval]
	f.PlanApproval = ApprovalFor(plan, hasPlan, s)
	report, hasReport := rs[RuleReportApproval]
	f.ReportApproval = ApprovalFor(report, hasReport, s)
	publish, hasPublish := rs[RulePublishWithAccounts]
	f.NeedsProgramme = PublicationFor(publish.Params, hasPublish, kinds).Programme
	if f.NeedsProgramme {
		f.ProgrammeRule = publish.Quote
	}
}

// readRules reads the parameters of the municipality's current rules, by kind,
// with their policy's validity (which rules.on applies),
// as policy.Store.RuleFor does (an active rule of the current policy), with the
// recorded body a rule's "body" parameter names and the rule's sentence in its
// policy's language, which a refusal under the rule quotes. The publication
// rule binds only when labelled enforced: labelled informational, it is shown
// on the policy page and nothing checks it (the approval rules can only be
// enforced, see policy.RuleKinds).
func readRules(ctx context.Context, db database.Querier, municipalityID int64) (rules, error) {
	rows, err := db.Query(ctx, `
SELECT r.kind, r.parameters,
       coalesce((SELECT b.id FROM body b WHERE b.municipality_id = $1 AND b.name = r.parameters->>'body' AND b.archived_at IS NULL), 0),
       r.source_sentence, p.language, p.valid_from, p.valid_until
FROM policy_rule r JOIN policy p ON p.id = r.policy_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL AND r.archived_at IS NULL
  AND r.kind IN ($2, $3, $4) AND (r.kind <> $4 OR r.enforcement = 'enforce')`, municipalityID, RulePlanApproval, RuleReportApproval, RulePublishWithAccounts)
	if err != nil {
		return nil, fmt.Errorf("read policy rules: %w", err)
	}
	out := rules{}
	for rows.Next() {
		var kind string
		var raw []byte
		var r Rule
		if err := rows.Scan(&kind, &raw, &r.BodyID, &r.Quote.Sentence, &r.Quote.Lang, &r.ValidFrom, &r.ValidUntil); err != nil {
			return nil, fmt.Errorf("read policy rules: %w", err)
		}
		r.Params = map[string]any{}
		if err := json.Unmarshal(raw, &r.Params); err != nil {
			return nil, fmt.Errorf("policy rule %s parameters: %w", kind, err)
		}
		out[kind] = r
	}
	return out, rows.Err()
}

// nextReference takes the next number of the municipality and year. The counter
// row is locked by the upsert, so concurrent submissions get consecutive numbers
// and none twice; numbers are never given back, so a reference is never reused.
// A number already carried by a trip (a reference given before references took
// the trip's year rather than the year of submission) is passed over.
func nextReference(ctx context.Context, tx pgx.Tx, municipalityID int64, year int) (string, error) {
	for {
		var code string
		var n int
		err := tx.QueryRow(ctx, `
WITH c AS (
    INSERT INTO trip_reference_counter (municipality_id, year, last_number) VALUES ($1, $2, 1)
    ON CONFLICT (municipality_id, year) DO UPDATE SET last_number = trip_reference_counter.last_number + 1
    RETURNING last_number)
SELECT m.code, c.last_number FROM c, municipality m WHERE m.id = $1`, municipalityID, year).Scan(&code, &n)
		if err != nil {
			return "", fmt.Errorf("next trip reference: %w", err)
		}
		ref := fmt.Sprintf("%s-%04d-%04d", code, year, n)
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM trip WHERE municipality_id = $1 AND reference = $2)`,
			municipalityID, ref).Scan(&taken); err != nil {
			return "", fmt.Errorf("next trip reference: %w", err)
		}
		if !taken {
			return ref, nil
		}
	}
}

// TravellerAccounts returns the accounts linked to the travellers of trip id,
// for Available (the buttons a page shows).
func (s *Store) TravellerAccounts(ctx context.Context, id int64) ([]int64, error) {
	rows, err := s.db.Query(ctx, `SELECT account_id FROM trip_traveller WHERE trip_id = $1 AND account_id IS NOT NULL`, id)
	if err != nil {
		return nil, fmt.Errorf("traveller accounts of trip %d: %w", id, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("traveller accounts of trip %d: %w", id, err)
	}
	return ids, nil
}

// ReportNeedsApproval reports whether the municipality's current policy, valid
// on day, has the rule RuleReportApproval: then a report is published when it is
// approved, else when it is submitted (as the lifecycle applies it, see
// rule_validity.go). It reads the rule's row as policy.Store.RuleFor does; the
// trip area reads it itself because the policy checks depend on the budget,
// which depends on the trip statuses.
func (s *Store) ReportNeedsApproval(ctx context.Context, municipalityID int64, day time.Time) (bool, error) {
	var ok bool
	err := s.db.QueryRow(ctx, `
SELECT EXISTS (SELECT 1 FROM policy_rule r JOIN policy p ON p.id = r.policy_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL AND r.archived_at IS NULL AND r.kind = $2
  AND (p.valid_from IS NULL OR p.valid_from <= $3::date) AND (p.valid_until IS NULL OR p.valid_until >= $3::date))`,
		municipalityID, RuleReportApproval, day).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("read policy rule %s: %w", RuleReportApproval, err)
	}
	return ok, nil
}
