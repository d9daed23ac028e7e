// Package meeting keeps the twin-city meetings a policy asks for (Göteborg's
// Nordic meetings every second year with a rotating host) and works out from the
// policy's rules when the next meeting is, who hosts it, whether the municipality
// is due to host, and whether an evaluation report is due after it hosted.
package meeting

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/policy"
)

// Rotation is what the rules twin_city_meeting_rotation, host_every_nth_meeting
// and evaluation_after_hosting say. The rules name no order of hosts and no
// starting year: both come from the recorded meetings (Plan).
type Rotation struct {
	IntervalYears int
	// Cities are the participants, in no particular order (the rule's cities).
	Cities []string
	Home   string // the municipality itself among the cities
	// EveryYears is how often the home city hosts (host_every_nth_meeting), 0
	// when the policy does not say.
	EveryYears int
	// EvaluationAfterHosting is set when a report is due after the home city hosted.
	EvaluationAfterHosting bool
	// DeadlineDays is the municipality's report deadline, which the evaluation
	// report keeps as a trip report does.
	DeadlineDays   int
	SourceSentence string
	Language       string
}

// Participants is how many cities take turns: the rule's cities, else the
// home city's hosting interval over the meeting interval (every eighth year,
// every second year: four); 0 when neither says.
func (r Rotation) Participants() int {
	switch {
	case len(r.Cities) > 0:
		return len(r.Cities)
	case r.EveryYears > 0 && r.IntervalYears > 0:
		return r.EveryYears / r.IntervalYears
	}
	return 0
}

// Meeting is one recorded meeting.
type Meeting struct {
	ID            int64
	Year          int
	Host          string
	Place         string
	Participants  string
	HasReport     bool
	HasEvaluation bool
	ReportID      *int64
	EvaluationID  *int64
	IsDemo        bool
	Version       int
	// HeldOn is the day of the meeting where it is recorded; often only the year is.
	HeldOn *time.Time
	// UpdatedAt is when the record last changed.
	UpdatedAt time.Time
	// Lang is the language of the place and participants: the municipality's.
	Lang string
}

// Outlook is what the portal shows about the meetings.
type Outlook struct {
	// Known is set when the recorded meetings show the order of hosts: the last
	// Participants() meetings had different hosts. NextYear and NextHost follow.
	Known    bool
	NextYear int
	NextHost string
	// Order is the hosts in turn as recorded, the next host first.
	Order []string
	// Need is how many meetings in a row, each with another host, must be
	// recorded before the portal can tell (when not Known; 0 when the rules
	// give no number of participants).
	Need int
	// HomeHostsNext is set when the municipality itself is due to host.
	HomeHostsNext bool
	// HostingOverdue is set when, by the recorded order, the home city would
	// host later than EveryYears after it last hosted (LastHomeYear, 0 if never
	// recorded).
	HostingOverdue bool
	LastHomeYear   int
	// EvaluationDue is the meeting the municipality hosted whose evaluation report
	// is still missing, or nil; EvaluationDueOn is when the report is due, and
	// EvaluationLate is set after that day.
	EvaluationDue   *Meeting
	EvaluationDueOn time.Time
	EvaluationLate  bool
}

// Plan works out the outlook from the rules and the recorded meetings (any
// order) on day today.
func Plan(r Rotation, meetings []Meeting, today time.Time) Outlook {
	var o Outlook
	sorted := slices.Clone(meetings)
	slices.SortFunc(sorted, func(a, b Meeting) int { return a.Year - b.Year })
	n := r.Participants()
	o.Need = n
	if len(sorted) > 0 && n > 0 {
		// The latest run of meetings with different hosts, newest first; a host
		// that is not one of the rule's cities breaks the run (the rotation
		// cannot be read across it).
		var run []string
		for k := len(sorted) - 1; k >= 0 && !slices.Contains(run, sorted[k].Host); k-- {
			if len(r.Cities) > 0 && !slices.Contains(r.Cities, sorted[k].Host) {
				break
			}
			run = append(run, sorted[k].Host)
		}
		interval := r.IntervalYears
		if interval <= 0 && len(sorted) > 1 {
			interval = sorted[len(sorted)-1].Year - sorted[len(sorted)-2].Year
		}
		if len(run) >= n && interval > 0 {
			o.Known = true
			last := sorted[len(sorted)-1]
			o.NextYear = last.Year + interval
			for k := n - 1; k >= 0; k-- {
				o.Order = append(o.Order, run[k])
			}
			o.NextHost = o.Order[0]
			o.HomeHostsNext = o.NextHost == r.Home
			if r.EveryYears > 0 && r.Home != "" {
				for _, m := range sorted {
					if m.Host == r.Home {
						o.LastHomeYear = m.Year
					}
				}
				if i := slices.Index(o.Order, r.Home); i >= 0 && o.LastHomeYear > 0 {
					o.HostingOverdue = o.NextYear+i*interval-o.LastHomeYear > r.EveryYears
				}
			}
		}
	}
	if r.EvaluationAfterHosting {
		for k := len(sorted) - 1; k >= 0; k-- {
			if sorted[k].Host == r.Home && sorted[k].Year <= today.Year() {
				if !sorted[k].HasEvaluation {
					m := sorted[k]
					o.EvaluationDue = &m
					held := time.Date(m.Year, time.December, 31, 0, 0, 0, 0, time.UTC)
					if m.HeldOn != nil {
						held = *m.HeldOn
					}
					o.EvaluationDueOn = held.AddDate(0, 0, r.DeadlineDays)
					o.EvaluationLate = today.After(o.EvaluationDueOn)
				}
				break
			}
		}
	}
	return o
}

// RotationOf reads the municipality's rotation from its policy rules; ok is false
// when the policy has no meeting rotation.
func RotationOf(ctx context.Context, q database.Querier, municipalityID int64) (Rotation, bool, error) {
	st := policy.NewStore(q)
	rule, ok, err := st.RuleFor(ctx, municipalityID, policy.KindMeetingRotation)
	if err != nil || !ok {
		return Rotation{}, false, err
	}
	r := Rotation{SourceSentence: rule.SourceSentence, Language: rule.Language}
	r.IntervalYears = number(rule.Parameters["interval_years"])
	if cs, ok := rule.Parameters["cities"].([]any); ok {
		for _, c := range cs {
			if s, ok := c.(string); ok {
				r.Cities = append(r.Cities, s)
			}
		}
	}
	if host, ok, err := st.RuleFor(ctx, municipalityID, policy.KindHostEveryNth); err != nil {
		return r, false, err
	} else if ok {
		r.Home, _ = host.Parameters["host"].(string)
		if host.Enforcement != policy.LabelInformational {
			r.EveryYears = number(host.Parameters["every_years"])
		}
	}
	if eval, ok, err := st.RuleFor(ctx, municipalityID, policy.KindEvaluationAfterHosting); err != nil {
		return r, false, err
	} else {
		r.EvaluationAfterHosting = ok && eval.Enforcement != policy.LabelInformational
		if ok && r.Home == "" {
			r.Home, _ = eval.Parameters["host"].(string)
		}
		if days := number(eval.Parameters["due_days"]); ok && days > 0 {
			r.DeadlineDays = days
		}
	}
	if r.DeadlineDays == 0 {
		d, err := st.Deadline(ctx, municipalityID, false)
		if err != nil {
			return r, false, err
		}
		r.DeadlineDays = d.Days
	}
	return r, true, nil
}

// number reads a JSON number parameter (float64 as decoded, or json.Number).
func number(v any) int {
	switch n := v.(type) {
	case float64:
		return int(n)
	case interface{ Int64() (int64, error) }:
		i, _ := n.Int64()
		return int(i)
	}
	return 0
}

// ErrNotFound reports a meeting not of the municipality.
var ErrNotFound = errors.New("meeting not found")

// Store keeps meetings in PostgreSQL.
type Store struct{ db database.Querier }

// NewStore returns a Store reading and writing with db, a pool or a transaction.
func NewStore(db database.Querier) *Store { return &Store{db: db} }

// Rotation reads the municipality's rotation from its policy rules; ok is false
// when the policy has no meeting rotation.
func (s *Store) Rotation(ctx context.Context, municipalityID int64) (Rotation, bool, error) {
	return RotationOf(ctx, s.db, municipalityID)
}

const selectMeeting = `SELECT id, year::int, host, place, participants, report_id IS NOT NULL, evaluation_id IS NOT NULL,
       report_id, evaluation_id, is_demo, version, held_on, updated_at,
       (SELECT languages[1] FROM municipality m WHERE m.id = municipality_id) FROM twin_city_meeting`

// List returns the municipality's meetings, newest first.
func (s *Store) List(ctx context.Context, municipalityID int64) ([]Meeting, error) {
	rows, err := s.db.Query(ctx, selectMeeting+` WHERE municipality_id = $1 ORDER BY year DESC`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Meeting])
	if err != nil {
		return nil, fmt.Errorf("list meetings: %w", err)
	}
	return list, nil
}

// Get returns meeting id of the municipality, or ErrNotFound.
func (s *Store) Get(ctx context.Context, municipalityID, id int64) (Meeting, error) {
	rows, err := s.db.Query(ctx, selectMeeting+` WHERE municipality_id = $1 AND id = $2`, municipalityID, id)
	if err != nil {
		return Meeting{}, fmt.Errorf("get meeting %d: %w", id, err)
	}
	m, err := pgx.CollectExactlyOneRow(rows, pgx.RowToStructByPos[Meeting])
	if errors.Is(err, pgx.ErrNoRows) {
		return Meeting{}, fmt.Errorf("meeting %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("get meeting %d: %w", id, err)
	}
	return m, nil
}
