package account

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
)

// ErrPasswordWeak reports a password that is common, or follows a pattern that
// password-guessing tools try early (keyboard rows, dates, names, repeats,
// "Password1234").
var ErrPasswordWeak = errors.New("the password is too easy to guess: use a longer phrase of unrelated words")

// MinGuesses is the number of guesses the zxcvbn estimator must need at least:
// 10^8, its score 3 ("safely unguessable: moderate protection from offline
// slow-hash attacks"); with argon2id and throttling that is ample.
const MinGuesses = 1e8

// CheckStrength refuses a password shorter than MinPasswordLength characters
// (ErrPasswordTooShort) and one that the zxcvbn estimator (its frequency lists
// of leaked passwords, names and words, and its patterns) guesses in fewer than
// MinGuesses tries (ErrPasswordWeak). related are words of the account (e-mail,
// name, municipality) that a guesser would try first.
func CheckStrength(password string, related ...string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return ErrPasswordTooShort
	}
	var inputs []string
	for _, r := range related {
		if r = strings.ToLower(strings.TrimSpace(r)); r != "" {
			inputs = append(inputs, r)
		}
		for _, part := range strings.FieldsFunc(strings.ToLower(r), func(c rune) bool {
			return c == '@' || c == '.' || c == ' ' || c == '-' || c == '_'
		}) {
			if len(part) > 2 {
				inputs = append(inputs, part)
			}
		}
	}
	// zxcvbn's cost grows with the length; beyond 100 characters a password is
	// long enough, and only its start is estimated.
	p := password
	if utf8.RuneCountInString(p) > 100 {
		p = string([]rune(p)[:100])
	}
	if zxcvbn.PasswordStrength(p, inputs).Guesses < MinGuesses {
		return ErrPasswordWeak
	}
	return nil
}
