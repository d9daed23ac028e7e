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
// and evaluation_after_hosting say.
type Rotation struct {
	IntervalYears int
	Cities        []string // the hosts in turn
	Home          string   // the municipality itself among the cities
	// EvaluationAfterHosting is set when a report is due after the home city hosted.
	EvaluationAfterHosting bool
	SourceSentence         string
	Language               string
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
}

// Outlook is what the portal shows about the meetings.
type Outlook struct {
	// NextYear and NextHost are known once one meeting is recorded.
	NextYear int
	NextHost string
	Known    bool
	// HomeHostsNext is set when the municipality itself is due to host.
	HomeHostsNext bool
	// EvaluationDue is the meeting the municipality hosted whose evaluation report
	// is still missing, or nil.
	EvaluationDue *Meeting
}

// Plan works out the outlook from the rules and the recorded meetings (any order).
func Plan(r Rotation, meetings []Meeting) Outlook {
	var o Outlook
	if len(meetings) == 0 || r.IntervalYears <= 0 || len(r.Cities) == 0 {
		return o
	}
	sorted := slices.Clone(meetings)
	slices.SortFunc(sorted, func(a, b Meeting) int { return a.Year - b.Year })
	last := sorted[len(sorted)-1]
	o.Known = true
	o.NextYear = last.Year + r.IntervalYears
	i := slices.Index(r.Cities, last.Host)
	o.NextHost = r.Cities[(i+1)%len(r.Cities)]
	o.HomeHostsNext = o.NextHost == r.Home
	if r.EvaluationAfterHosting {
		for k := len(sorted) - 1; k >= 0; k-- {
			if sorted[k].Host == r.Home {
				if !sorted[k].HasEvaluation {
					m := sorted[k]
					o.EvaluationDue = &m
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
	rule, ok, err := policy.NewStore(q).RuleFor(ctx, municipalityID, policy.KindMeetingRotation)
	if err != nil || !ok {
		return Rotation{}, false, err
	}
	r := Rotation{SourceSentence: rule.SourceSentence, Language: rule.Language}
	if n, ok := rule.Parameters["interval_years"].(float64); ok {
		r.IntervalYears = int(n)
	}
	if cs, ok := rule.Parameters["cities"].([]any); ok {
		for _, c := range cs {
			if s, ok := c.(string); ok {
				r.Cities = append(r.Cities, s)
			}
		}
	}
	if host, ok, err := policy.NewStore(q).RuleFor(ctx, municipalityID, "host_every_nth_meeting"); err != nil {
		return r, false, err
	} else if ok {
		r.Home, _ = host.Parameters["host"].(string)
	}
	if _, ok, err := policy.NewStore(q).RuleFor(ctx, municipalityID, "evaluation_after_hosting"); err != nil {
		return r, false, err
	} else {
		r.EvaluationAfterHosting = ok
	}
	return r, true, nil
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
       report_id, evaluation_id, is_demo, version, held_on, updated_at FROM twin_city_meeting`

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
