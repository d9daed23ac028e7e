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

// TestProductionHashParams: the portal hashes with RFC 9106's second
// recommended option (3 passes over 64 MiB, 128-bit salt, 256-bit key) and 2
// lanes, whatever cheaper parameters tests use.
func TestProductionHashParams(t *testing.T) {
	if ProductionHashParams != (HashParams{Time: 3, Memory: 64 * 1024, Threads: 2}) || saltLen != 16 || argonKeyLen != 32 {
		t.Errorf("production parameters %+v, salt %d, key %d", ProductionHashParams, saltLen, argonKeyLen)
	}
	if got := currentHashParams(); got != ProductionHashParams {
		t.Errorf("new hashes use %+v without a test's choice", got)
	}
}

// TestCheapHashParams: a hash made with other parameters records them and is
// checked with them.
func TestCheapHashParams(t *testing.T) {
	UseHashParams(TestHashParams)
	t.Cleanup(func() { hashParams.Store(nil) })
	h, err := HashPassword("a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=8,t=1,p=1$") {
		t.Errorf("hash %q", h)
	}
	if ok, err := CheckPassword(h, "a long enough password"); !ok || err != nil {
		t.Errorf("check: %v, %v", ok, err)
	}
	if !strings.HasPrefix(UnmatchableHash(), "$argon2id$v=19$m=8,t=1,p=1$") {
		t.Error("the unmatchable hash does not cost what a real check costs")
	}
}
