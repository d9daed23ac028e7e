package account

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	t.Parallel()
	if _, err := HashPassword("elevenchars"); err != ErrPasswordTooShort {
		t.Errorf("11 characters: %v", err)
	}
	// Characters, not bytes: twelve letters with diacritics are long enough.
	h, err := HashPassword("åäöåäöåäöåäö")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Errorf("hash %q", h)
	}
	h2, _ := HashPassword("åäöåäöåäöåäö")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for pw, want := range map[string]bool{"åäöåäöåäöåäö": true, "åäöåäöåäöåä": false, "": false} {
		ok, err := CheckPassword(h, pw)
		if err != nil || ok != want {
			t.Errorf("CheckPassword(%q) = %v, %v", pw, ok, err)
		}
	}
	if _, err := CheckPassword("$2a$10$bcrypt", "x"); err == nil {
		t.Error("a foreign hash format was accepted")
	}
}
