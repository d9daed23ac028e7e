package policy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// Sentinels that end a save's transaction without writing anything.
var (
	// ErrConflict: the record changed since the form was opened.
	ErrConflict = errors.New("policy: changed meanwhile")
	// ErrInvalid: the input has field errors (some are only found in the transaction).
	ErrInvalid = errors.New("policy: invalid input")
	// ErrUnchanged: the input equals the record; nothing to save or log.
	ErrUnchanged = errors.New("policy: nothing changed")
	// ErrPriorityNotFound: no such priority in the current policy of the municipality.
	ErrPriorityNotFound = errors.New("priority not found")
	// ErrRuleNotFound: no such rule in the current policy of the municipality.
	ErrRuleNotFound = errors.New("policy rule not found")
)

// Transact runs fn with a Store on one transaction: everything fn writes,
// audit entries included (Record), is kept together or not at all.
func (s *Store) Transact(ctx context.Context, fn func(*Store) error) error {
	return database.TransactOn(ctx, s.q, func(tx pgx.Tx) error { return fn(&Store{q: tx}) })
}

// Record writes the audit entry of a change made in this Store's transaction.
func (s *Store) Record(ctx context.Context, e audit.Entry) error {
	tx, ok := s.q.(pgx.Tx)
	if !ok {
		return fmt.Errorf("audit entry for %s %d outside a transaction", e.Entity, e.EntityID)
	}
	return audit.Record(ctx, tx, e)
}

// entry is the audit entry of a change by the one by names (AccountID,
// MunicipalityID, RequestID).
func entry(by audit.Entry, entity string, id int64, action string, changes map[string]audit.Change) audit.Entry {
	by.Entity, by.EntityID, by.Action, by.Changes = entity, id, action, changes
	return by
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

// NormalizeSpace collapses runs of white space into one space, so a sentence
// copied across a line break still matches the text it comes from.
func NormalizeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// Quotes reports whether text contains sentence, white space aside: a rule
// must always quote its policy.
func Quotes(text, sentence string) bool {
	s := NormalizeSpace(sentence)
	return s != "" && strings.Contains(NormalizeSpace(text), s)
}
