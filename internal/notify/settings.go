package notify

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/i18n"
)

// ErrNotFound reports an account that does not exist.
var ErrNotFound = errors.New("notify: account not found")

// Settings are a person's own choices about their e-mail.
type Settings struct {
	// On: the person receives notifications (the default).
	On bool
	// Language of their messages; "" for their municipality's first language.
	Language string
	// Default is the language used when Language is "".
	Default string
}

// Settings returns the settings of account id.
func (s *Store) Settings(ctx context.Context, id int64) (Settings, error) {
	var st Settings
	var lang *string
	err := s.db.QueryRow(ctx, `
SELECT a.notify_email, a.language, m.languages[1] FROM account a JOIN municipality m ON m.id = a.municipality_id
WHERE a.id = $1`, id).Scan(&st.On, &lang, &st.Default)
	if errors.Is(err, pgx.ErrNoRows) {
		return st, fmt.Errorf("settings of account %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("settings of account %d: %w", id, err)
	}
	if lang != nil {
		st.Language = *lang
	}
	st.Default = messageLanguage("", st.Default)
	return st, nil
}

// SaveSettings stores account id's own choices, with an audit entry. lang must be
// "" or one of the interface languages.
func (s *Store) SaveSettings(ctx context.Context, id, municipalityID int64, on bool, lang string) error {
	if lang != "" && !i18n.IsSupported(lang) {
		return fmt.Errorf("save settings of account %d: unknown language %q", id, lang)
	}
	return database.TransactOn(ctx, s.db, func(tx pgx.Tx) error {
		var oldOn bool
		var oldLang *string
		err := tx.QueryRow(ctx, `SELECT notify_email, language FROM account WHERE id = $1 AND municipality_id = $2 FOR UPDATE`,
			id, municipalityID).Scan(&oldOn, &oldLang)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("save settings of account %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("save settings of account %d: %w", id, err)
		}
		var newLang *string
		if lang != "" {
			newLang = &lang
		}
		if _, err := tx.Exec(ctx, `UPDATE account SET notify_email = $2, language = $3, updated_at = now() WHERE id = $1`,
			id, on, newLang); err != nil {
			return fmt.Errorf("save settings of account %d: %w", id, err)
		}
		changes := map[string]audit.Change{}
		if oldOn != on {
			changes["notify_email"] = audit.Change{Old: oldOn, New: on}
		}
		if (oldLang == nil) != (newLang == nil) || (oldLang != nil && *oldLang != lang) {
			changes["language"] = audit.Change{Old: oldLang, New: newLang}
		}
		if len(changes) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &id, MunicipalityID: &municipalityID,
			Entity: "account", EntityID: id, Action: audit.ActionUpdate, Changes: changes})
	})
}

// messageLanguage is the language of a message: the account's own choice, else
// the municipality's first language, else the catalogue's fallback.
func messageLanguage(account, municipality string) string {
	if i18n.IsSupported(account) {
		return account
	}
	if i18n.IsSupported(municipality) {
		return municipality
	}
	return i18n.Supported[0]
}
