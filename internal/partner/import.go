package partner

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/geo"
	"github.com/municipal-intl/portal/internal/opendata"
	"github.com/municipal-intl/portal/internal/policy"
)

// Message keys of an import's row errors (locales/*/import.json).
const (
	KeyImportRequired  = "import.error.required"
	KeyImportCountry   = "import.error.country"
	KeyImportLatitude  = "import.error.latitude"
	KeyImportLongitude = "import.error.longitude"
	KeyImportKind      = "import.error.kind"
	KeyImportStatus    = "import.error.status"
	KeyImportYear      = "import.error.year"
	KeyImportDuplicate = "import.error.duplicate"
	KeyImportPolicy    = "import.error.policy"
	KeyImportNoNew     = "import.error.policy_no_new"
)

// RowError is what is wrong with one row of an import: its line in the file,
// the column, and the catalogue key of the message with its arguments. A row
// an enforced policy rule refuses carries the rule's Sentence, in its
// policy's language Lang, which the refusal quotes.
type RowError struct {
	Line           int
	Field          string
	Key            string
	Args           []any
	Sentence, Lang string
}

// ImportRefused reports an import with row errors: nothing was saved.
type ImportRefused struct{ Rows []RowError }

func (e *ImportRefused) Error() string {
	return fmt.Sprintf("import refused: %d problems, the first on line %d", len(e.Rows), e.Rows[0].Line)
}

// importRow turns one CSV row into a partnership, or says what is wrong with it.
func importRow(row opendata.CSVRow) (PartnershipInput, []RowError) {
	var errs []RowError
	bad := func(field, key string, args ...any) {
		errs = append(errs, RowError{Line: row.Line, Field: field, Key: key, Args: args})
	}
	v := row.Values
	in := PartnershipInput{Kind: v["kind"], Status: v["status"], CouncilDecisionRef: v["council_decision_ref"], Note: v["note"],
		Source: "imported from CSV"}
	in.NewCity = NewCity{Name: v["partner_city"], NameEn: v["partner_city_en"], Country: strings.ToUpper(v["country"])}
	if in.NewCity.Name == "" {
		bad("partner_city", KeyImportRequired)
	}
	if in.NewCity.NameEn == "" {
		in.NewCity.NameEn = in.NewCity.Name
	}
	if in.NewCity.Country != "" && !geo.ValidCountry(in.NewCity.Country) {
		bad("country", KeyImportCountry)
	}
	coord := func(field, key string, limit float64) *float64 {
		s := v[field]
		if s == "" {
			return nil
		}
		f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		if err != nil || f < -limit || f > limit {
			bad(field, key)
			return nil
		}
		return &f
	}
	in.NewCity.Latitude = coord("latitude", KeyImportLatitude, 90)
	in.NewCity.Longitude = coord("longitude", KeyImportLongitude, 180)
	if (v["latitude"] == "") != (v["longitude"] == "") {
		if v["latitude"] == "" {
			bad("latitude", KeyImportLatitude)
		} else {
			bad("longitude", KeyImportLongitude)
		}
	}
	if !slices.Contains(Kinds, in.Kind) {
		bad("kind", KeyImportKind, strings.Join(Kinds, ", "))
	}
	if !slices.Contains(Statuses, in.Status) {
		bad("status", KeyImportStatus, strings.Join(Statuses, ", "))
	}
	if s := v["since_year"]; s != "" {
		y, err := strconv.Atoi(s)
		if err != nil || y < 1800 || y > 2200 {
			bad("since_year", KeyImportYear)
		} else {
			in.SinceYear = &y
		}
	}
	return in, errs
}

// ImportPartnerships saves the partnerships of rows (read by
// opendata.ReadPartnershipCSV) for a.MunicipalityID in one transaction: a
// partner city is matched by its name (or English name) and country, else
// created. Any row error — a bad value, a city the municipality is partnered
// with already, a partnership the policy refuses — saves nothing and comes
// back in an *ImportRefused listing every one; else it returns how many were
// saved.
func (s *Store) ImportPartnerships(ctx context.Context, a Actor, rows []opendata.CSVRow) (int, error) {
	var refused []RowError
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		for _, row := range rows {
			in, errs := importRow(row)
			if len(errs) > 0 {
				refused = append(refused, errs...)
				continue
			}
			err := tx.QueryRow(ctx, `
SELECT id FROM partner_city
WHERE (lower(name) = lower($1) OR lower(name_en) = lower($1) OR lower(name_en) = lower($2))
  AND coalesce(country, '') = $3 AND NOT is_demo
ORDER BY id LIMIT 1`, in.NewCity.Name, in.NewCity.NameEn, in.NewCity.Country).Scan(&in.CityID)
			if err != nil && !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			_, err = NewStore(tx).CreatePartnership(ctx, a, in)
			var refusal *Refusal
			switch {
			case errors.Is(err, ErrDuplicate):
				refused = append(refused, RowError{Line: row.Line, Field: "partner_city", Key: KeyImportDuplicate})
			case errors.As(err, &refusal):
				refused = append(refused, policyRowError(row.Line, refusal.Violation))
			case err != nil:
				return err
			}
		}
		if len(refused) > 0 {
			return &ImportRefused{Rows: refused}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// policyRowError is the row error of a partnership rule v refuses, in the
// column the rule is about: the kind for a new partnership the policy rules out
// (Västerås), else the council decision (Göteborg).
func policyRowError(line int, v policy.Violation) RowError {
	e := RowError{Line: line, Field: "council_decision_ref", Key: KeyImportPolicy, Sentence: v.Rule.SourceSentence, Lang: v.Rule.Language}
	if v.Key == policy.KeyNoNewPartnership {
		e.Field, e.Key = "kind", KeyImportNoNew
	}
	return e
}

// CSVRows are a municipality's partnerships as rows of partnerships.csv, for
// the open-data download; pageURL makes a partnership's public address.
func (s *Store) CSVRows(ctx context.Context, municipalityID int64, pageURL func(id int64) string) ([][]string, error) {
	rows, err := s.db.Query(ctx, `
SELECT p.id, c.name, c.name_en, coalesce(c.country, ''), coalesce(c.latitude::text, ''), coalesce(c.longitude::text, ''),
       p.kind, p.status, coalesce(p.since_year::text, ''), coalesce(p.council_decision_ref, ''), p.note, p.is_demo OR c.is_demo
FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL
ORDER BY c.name, p.id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("partnerships.csv of municipality %d: %w", municipalityID, err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) ([]string, error) {
		var id int64
		var demo bool
		v := make([]string, 10, len(opendata.PartnershipHeader))
		err := r.Scan(&id, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9], &demo)
		return append(v, strconv.FormatBool(demo), pageURL(id)), err
	})
}
