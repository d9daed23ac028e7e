package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 12

// ErrPasswordTooShort reports a password below MinPasswordLength.
var ErrPasswordTooShort = fmt.Errorf("the password must have at least %d characters", MinPasswordLength)

// HashParams are the argon2id cost parameters of new hashes. A hash records
// its own parameters, so a check always uses those it was made with.
type HashParams struct {
	Time    uint32 // passes
	Memory  uint32 // KiB
	Threads uint8  // lanes
}

// ProductionHashParams follow RFC 9106's second recommended option (section 4):
// argon2id with 3 passes over 64 MiB, a 128-bit salt and a 256-bit key; with
// 2 lanes, one per core of the servers we run on, where the RFC names 4.
var ProductionHashParams = HashParams{Time: 3, Memory: 64 * 1024, Threads: 2}

// TestHashParams are the cheapest parameters argon2 allows (one pass over
// 8 KiB in one lane): for tests only, where hashing is not what is tested and
// the production cost would only slow every sign-in down.
var TestHashParams = HashParams{Time: 1, Memory: 8, Threads: 1}

const (
	argonKeyLen = 32
	saltLen     = 16
)

// hashParams are the parameters of new hashes: ProductionHashParams unless a
// test chose others with UseHashParams.
var hashParams atomic.Pointer[HashParams]

// UseHashParams sets the parameters of new hashes. Only tests call it (see
// dbtest), before they create accounts; the portal always hashes with
// ProductionHashParams.
func UseHashParams(p HashParams) { hashParams.Store(&p) }

// currentHashParams are the parameters new hashes are made with.
func currentHashParams() HashParams {
	if p := hashParams.Load(); p != nil {
		return *p
	}
	return ProductionHashParams
}

// HashPassword returns an argon2id hash of password in the PHC string format.
func HashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return "", ErrPasswordTooShort
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	p := currentHashParams()
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, argonKeyLen)
	return phc(p, salt, key), nil
}

// phc writes a hash in the PHC string format.
func phc(p HashParams, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// UnmatchableHash returns a hash in the format and with the parameters of
// HashPassword whose salt and key are random: checking any password against it
// costs what a real check costs, and fails.
func UnmatchableHash() string {
	salt, key := make([]byte, saltLen), make([]byte, argonKeyLen)
	_, _ = rand.Read(salt)
	_, _ = rand.Read(key)
	return phc(currentHashParams(), salt, key)
}

// CheckPassword reports whether password matches the PHC-format hash.
func CheckPassword(hash, password string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("unknown password hash format")
	}
	var version int
	var memory uint32
	var time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errors.New("unknown argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false, fmt.Errorf("argon2 parameters: %w", err)
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("argon2 salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("argon2 key: %w", err)
	}
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
