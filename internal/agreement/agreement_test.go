package agreement

import (
	"errors"
	"net/url"
	"testing"
	"time"
)

func TestParseFilter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		query   string
		want    Filter
		wantErr error
	}{
		{"", Filter{}, nil},
		{"type=memorandum&status=expired&lang=de&page=2", Filter{Type: TypeMemorandum, Status: StatusExpired}, nil},
		{"type=&status=", Filter{}, nil},
		{"type=nonsense", Filter{}, ErrUnknownType},
		{"type=Memorandum", Filter{}, ErrUnknownType},
		{"status=draft", Filter{}, ErrUnknownStatus},
		{"status=in_force%27--", Filter{}, ErrUnknownStatus},
	} {
		q, err := url.ParseQuery(tc.query)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseFilter(q)
		if !errors.Is(err, tc.wantErr) {
			t.Errorf("%q: error %v, want %v", tc.query, err, tc.wantErr)
		}
		if tc.wantErr == nil && got != tc.want {
			t.Errorf("%q: %+v, want %+v", tc.query, got, tc.want)
		}
		if tc.wantErr == nil && got.Query().Encode() != tc.want.Query().Encode() {
			t.Errorf("%q: Query() = %q", tc.query, got.Query().Encode())
		}
	}
}

func TestEffective(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 11, 22, 15, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) *time.Time {
		t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		return &t
	}
	for _, tc := range []struct {
		name   string
		a      Agreement
		want   string
		expire bool
	}{
		{"open-ended", Agreement{Status: StatusInForce}, StatusInForce, false},
		{"valid through today", Agreement{Status: StatusInForce, ValidUntil: day(2026, 11, 22)}, StatusInForce, false},
		{"validity ended yesterday", Agreement{Status: StatusInForce, ValidUntil: day(2026, 11, 21)}, StatusExpired, true},
		{"recorded expired", Agreement{Status: StatusExpired}, StatusExpired, true},
		{"terminated stays terminated", Agreement{Status: StatusTerminated, ValidUntil: day(2020, 1, 1)}, StatusTerminated, false},
	} {
		if got := tc.a.Effective(today); got != tc.want || tc.a.Expired(today) != tc.expire {
			t.Errorf("%s: Effective = %s, Expired = %v", tc.name, got, tc.a.Expired(today))
		}
	}
}
