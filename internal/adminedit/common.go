package adminedit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/form"
	"github.com/municipal-intl/portal/internal/staffweb"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/templates"
)

// Sentinels that end a save's transaction without writing anything.
var (
	// errConflict: the record changed since the form was opened.
	errConflict = errors.New("adminedit: changed meanwhile")
	// errInvalid: the input has field errors (some are only found in the transaction).
	errInvalid = errors.New("adminedit: invalid input")
	// errUnchanged: the input equals the record; nothing to save or log.
	errUnchanged = errors.New("adminedit: nothing changed")
)

// codePattern is the pattern of priority and budget line codes, as the schema checks it.
const codePattern = `^[A-Z0-9][A-Z0-9.-]*$`

// policyLanguages are the languages a policy may be written in, as BCP 47 tags.
var policyLanguages = []string{"da", "de", "en", "sv"}

// entry is the audit entry of a change the signed-in administrator makes.
func entry(r *http.Request, entity string, id int64, action string, changes map[string]audit.Change) audit.Entry {
	me := staffweb.Me(r)
	actor, municipality := me.ID, me.MunicipalityID
	return audit.Entry{
		AccountID: &actor, MunicipalityID: &municipality, Entity: entity, EntityID: id,
		Action: action, Changes: changes, RequestID: web.RequestID(r.Context()),
	}
}

// fingerprint stands for a record's values in a form of a table without a
// version column (priority, policy_rule, the municipality's report deadline):
// the form carries it, and a save whose fingerprint no longer matches the
// stored record is a conflict, as a stale version would be.
func fingerprint(values map[string]any) string {
	b, err := json.Marshal(values) // map keys are sorted, so equal values give equal bytes
	if err != nil {
		panic(fmt.Sprintf("fingerprint: %v", err))
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// uniqueViolation reports whether err is a unique violation of constraint.
func uniqueViolation(err error, constraint string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == constraint
}

// optionalDate parses an optional date field: empty is nil.
func optionalDate(errs *form.Errors, field, raw string) *time.Time {
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	t, err := form.ParseDate(raw)
	if err != nil {
		errs.AddErr(field, err)
		return nil
	}
	return &t
}

// dateValue is a date as the audit log stores it.
func dateValue(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.Format(form.DateLayout)
}

func dateInput(t *time.Time) string {
	if t == nil {
		return ""
	}
	return form.FormatDateInput(*t)
}

// normalizeSpace collapses runs of white space into one space, so a sentence
// copied across a line break still matches the text it comes from.
func normalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// quotes reports whether text contains sentence, white space aside.
func quotes(text, sentence string) bool {
	s := normalizeSpace(sentence)
	return s != "" && strings.Contains(normalizeSpace(text), s)
}

// version reads the hidden version field; a missing or garbled one is 0, which
// no stored record has, so it meets the conflict page rather than overwriting.
func version(r *http.Request) int {
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil || v < 0 {
		return 0
	}
	return v
}

// history loads a record's audit entries for its page.
func history(r *http.Request, q database.Querier, entity string, id int64) ([]audit.Row, error) {
	return audit.NewStore(q).History(r.Context(), staffweb.Me(r).MunicipalityID, entity, id)
}

// conflictRow is one row of the conflict table.
func conflictRow(label, yours, current string) templates.ConflictRow {
	return templates.ConflictRow{Label: label, Yours: yours, Current: current}
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// page is the layout data of one of the area's pages; its title says when the
// form on it has errors.
func (h *Handlers) page(w http.ResponseWriter, r *http.Request, errs form.Errors, title string, crumbs ...templates.Crumb) templates.Page {
	p := h.Page(w, r, title, crumbs...)
	p.Title = templates.ErrorTitle(p, title, errs)
	return p
}

// created is the audit log's changes of a new record: its values, empty texts
// left out (nothing became nothing).
func created(values map[string]any) map[string]audit.Change {
	for k, v := range values {
		if s, ok := v.(string); ok && s == "" {
			delete(values, k)
		}
	}
	return audit.Diff(nil, values)
}
