package municipality

// The platform operator's side: adding a municipality with its first
// administrator, archiving one, removing one that has no records.

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/geo"
)

// Message keys of what is wrong with a new municipality (locales/*/operator.json).
const (
	KeyRequired       = "operator.error.required"
	KeySlug           = "operator.error.slug"
	KeySlugTaken      = "operator.error.slug_taken"
	KeyCode           = "operator.error.code"
	KeyCodeTaken      = "operator.error.code_taken"
	KeyCountry        = "operator.error.country"
	KeyRegion         = "operator.error.region"
	KeyCurrency       = "operator.error.currency"
	KeyLanguages      = "operator.error.languages"
	KeyPopulation     = "operator.error.population"
	KeyYear           = "operator.error.year"
	KeyLatitude       = "operator.error.latitude"
	KeyLongitude      = "operator.error.longitude"
	KeyWebsite        = "operator.error.website"
	KeyElections      = "operator.error.elections"
	KeyElectionDates  = "operator.error.election_dates"
	KeyAdminEmail     = "operator.error.admin_email"
	KeyAdminName      = "operator.error.admin_name"
	KeyAdminPassword  = "operator.error.admin_password"
	KeyAdminDuplicate = "operator.error.admin_duplicate"
)

// Invalid is what is wrong with what was typed, field by field.
type Invalid struct{ Errors form.Errors }

func (e *Invalid) Error() string {
	var fields []string
	for _, fe := range e.Errors {
		fields = append(fields, fe.Field+": "+fe.Key)
	}
	return "invalid municipality: " + strings.Join(fields, "; ")
}

// New is what the operator types to add a municipality: every field as text,
// so a form with errors comes back as it was typed.
type New struct {
	Name, NameEn, Slug, Code, Country, Region, Currency, Languages string
	Population, PopulationYear, Latitude, Longitude, Website       string
	// An election period of the council, when the portal knows none for the
	// country (and state) yet: body, first and last day.
	ElectionBody, ElectionStarts, ElectionEnds string
	// The first administrator; they choose their own password at first sign-in.
	AdminName, AdminEmail, AdminPassword string
}

// Fields are the form's field names, in the order of the form.
var Fields = []string{"name", "name_en", "slug", "code", "country", "region", "currency", "languages",
	"population", "population_year", "latitude", "longitude", "website",
	"election_body", "election_starts", "election_ends", "admin_name", "admin_email", "admin_password"}

// FromValues reads a New from a form (or the command line's flags, by name).
func FromValues(get func(string) string) New {
	t := func(k string) string { return strings.TrimSpace(get(k)) }
	return New{Name: t("name"), NameEn: t("name_en"), Slug: strings.ToLower(t("slug")), Code: strings.ToUpper(t("code")),
		Country: strings.ToUpper(t("country")), Region: strings.ToUpper(t("region")), Currency: strings.ToUpper(t("currency")),
		Languages: t("languages"), Population: t("population"), PopulationYear: t("population_year"),
		Latitude: t("latitude"), Longitude: t("longitude"), Website: t("website"),
		ElectionBody: t("election_body"), ElectionStarts: t("election_starts"), ElectionEnds: t("election_ends"),
		AdminName: t("admin_name"), AdminEmail: t("admin_email"), AdminPassword: get("admin_password")}
}

var (
	codeRE     = regexp.MustCompile(`^[A-Z]{3}$`)
	regionRE   = regexp.MustCompile(`^([A-Z0-9]{1,3})?$`)
	languageRE = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
)

// parsed is a New turned into the values stored.
type parsed struct {
	languages                    []string
	population, populationYear   *int64
	latitude, longitude          *float64
	website                      *string
	electionStarts, electionEnds time.Time
	hasElection                  bool
}

// check validates n without the database: form.Errors by field.
func (n New) check() (parsed, form.Errors) {
	var p parsed
	var errs form.Errors
	req := func(field, v string) bool {
		if v == "" {
			errs.Add(field, KeyRequired)
			return false
		}
		return true
	}
	req("name", n.Name)
	req("name_en", n.NameEn)
	if req("slug", n.Slug) && !slugRE.MatchString(n.Slug) {
		errs.Add("slug", KeySlug)
	}
	if req("code", n.Code) && !codeRE.MatchString(n.Code) {
		errs.Add("code", KeyCode)
	}
	if req("country", n.Country) && !geo.ValidCountry(n.Country) {
		errs.Add("country", KeyCountry)
	}
	if !regionRE.MatchString(n.Region) {
		errs.Add("region", KeyRegion)
	}
	if req("currency", n.Currency) && !codeRE.MatchString(n.Currency) {
		errs.Add("currency", KeyCurrency)
	}
	if req("languages", n.Languages) {
		for _, l := range strings.Split(n.Languages, ",") {
			l = strings.TrimSpace(l)
			if !languageRE.MatchString(l) {
				errs.Add("languages", KeyLanguages)
				break
			}
			p.languages = append(p.languages, l)
		}
	}
	integer := func(field, v, key string, lo, hi int64) *int64 {
		if v == "" {
			return nil
		}
		i, err := strconv.ParseInt(strings.ReplaceAll(v, " ", ""), 10, 64)
		if err != nil || i < lo || i > hi {
			errs.Add(field, key)
			return nil
		}
		return &i
	}
	p.population = integer("population", n.Population, KeyPopulation, 1, 100_000_000)
	p.populationYear = integer("population_year", n.PopulationYear, KeyYear, 1800, 2200)
	if p.population != nil && p.populationYear == nil && !errs.Has("population_year") {
		errs.Add("population_year", KeyYear)
	}
	decimal := func(field, v, key string, limit float64) *float64 {
		if v == "" {
			return nil
		}
		f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
		if err != nil || f < -limit || f > limit {
			errs.Add(field, key)
			return nil
		}
		return &f
	}
	p.latitude = decimal("latitude", n.Latitude, KeyLatitude, 90)
	p.longitude = decimal("longitude", n.Longitude, KeyLongitude, 180)
	if (p.latitude == nil) != (p.longitude == nil) && !errs.Has("latitude") && !errs.Has("longitude") {
		if p.latitude == nil {
			errs.Add("latitude", KeyLatitude)
		} else {
			errs.Add("longitude", KeyLongitude)
		}
	}
	if n.Website != "" {
		u, err := url.Parse(n.Website)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			errs.Add("website", KeyWebsite)
		} else {
			p.website = &n.Website
		}
	}
	if n.ElectionBody != "" || n.ElectionStarts != "" || n.ElectionEnds != "" {
		p.hasElection = true
		req("election_body", n.ElectionBody)
		var err error
		if p.electionStarts, err = form.ParseDate(n.ElectionStarts); err != nil {
			errs.AddErr("election_starts", err)
		}
		if p.electionEnds, err = form.ParseDate(n.ElectionEnds); err != nil {
			errs.AddErr("election_ends", err)
		} else if !errs.Has("election_starts") && !p.electionEnds.After(p.electionStarts) {
			errs.Add("election_ends", KeyElectionDates)
		}
	}
	req("admin_name", n.AdminName)
	if req("admin_email", n.AdminEmail) {
		if a := (account.New{Email: n.AdminEmail}); a.Validate() != nil {
			if fe, ok := a.Validate().(account.FieldErrors); ok && fe["email"] != "" {
				errs.Add("admin_email", KeyAdminEmail)
			}
		}
	}
	if err := account.CheckStrength(n.AdminPassword, n.AdminEmail, n.AdminName, n.Slug); err != nil {
		errs.Add("admin_password", KeyAdminPassword, account.MinPasswordLength)
	}
	return p, errs
}

// Create adds the municipality and its first administrator, who must choose a
// new password at the first sign-in, in one transaction with their audit
// entries; actorID is the operator (nil from the command line). A problem with
// what was typed comes back as form.Errors.
func (s *Store) Create(ctx context.Context, n New, actorID *int64) (Municipality, error) {
	p, errs := n.check()
	if errs.Any() {
		return Municipality{}, &Invalid{errs}
	}
	var id int64
	err := database.InTx(ctx, s.q, func(tx pgx.Tx) error {
		var taken struct{ slug, code, currency, elections bool }
		err := tx.QueryRow(ctx, `
SELECT EXISTS (SELECT 1 FROM municipality WHERE slug = $1), EXISTS (SELECT 1 FROM municipality WHERE code = $2),
       NOT EXISTS (SELECT 1 FROM currency WHERE code = $3),
       EXISTS (SELECT 1 FROM election_period WHERE country = $4 AND region IN ('', $5))`,
			n.Slug, n.Code, n.Currency, n.Country, n.Region).Scan(&taken.slug, &taken.code, &taken.currency, &taken.elections)
		if err != nil {
			return err
		}
		if taken.slug {
			errs.Add("slug", KeySlugTaken)
		}
		if taken.code {
			errs.Add("code", KeyCodeTaken)
		}
		if taken.currency {
			errs.Add("currency", KeyCurrency)
		}
		if !taken.elections && !p.hasElection {
			errs.Add("election_body", KeyElections)
		}
		if errs.Any() {
			return &Invalid{errs}
		}
		err = tx.QueryRow(ctx, `
INSERT INTO municipality (slug, code, name, name_en, country, region, currency, languages, population, population_year,
                          latitude, longitude, website, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'entered by the platform operator')
RETURNING id`, n.Slug, n.Code, n.Name, n.NameEn, n.Country, n.Region, n.Currency, p.languages,
			p.population, p.populationYear, p.latitude, p.longitude, p.website).Scan(&id)
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.Code == "23505" {
			// Added by someone else since the check above.
			errs.Add("slug", KeySlugTaken)
			return &Invalid{errs}
		}
		if err != nil {
			return err
		}
		if p.hasElection {
			if _, err := tx.Exec(ctx, `
INSERT INTO election_period (country, region, body, starts_on, ends_on, source)
VALUES ($1, $2, $3, $4, $5, 'entered by the platform operator') ON CONFLICT DO NOTHING`,
				n.Country, n.Region, n.ElectionBody, p.electionStarts, p.electionEnds); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, audit.Entry{AccountID: actorID, MunicipalityID: &id, Entity: "municipality",
			EntityID: id, Action: audit.ActionCreate, Changes: audit.Created(map[string]any{
				"slug": n.Slug, "code": n.Code, "name": n.Name, "name_en": n.NameEn, "country": n.Country,
				"currency": n.Currency, "languages": p.languages})}); err != nil {
			return err
		}
		_, err = account.CreateIn(ctx, tx, account.New{MunicipalitySlug: n.Slug, Role: access.RoleAdmin, Email: n.AdminEmail,
			Name: n.AdminName, Password: n.AdminPassword, MustChangePassword: true}, actorID)
		if errors.Is(err, account.ErrDuplicate) {
			errs.Add("admin_email", KeyAdminDuplicate)
			return &Invalid{errs}
		}
		return err
	})
	var invalid *Invalid
	if errors.As(err, &invalid) {
		return Municipality{}, invalid
	}
	if err != nil {
		return Municipality{}, fmt.Errorf("add municipality %s: %w", n.Slug, err)
	}
	return s.BySlug(ctx, n.Slug)
}
