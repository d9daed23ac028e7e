package partner

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestLastActivity(t *testing.T) {
	t.Parallel()
	now := day(2026, 11, 22)
	cases := []struct {
		name      string
		events    []Activity
		want      Activity
		wantFound bool
		wantStale bool
	}{
		{name: "none", wantStale: true},
		{
			name:      "year-only status change long ago",
			events:    []Activity{YearActivity(1987, ActivityStatusChange), YearActivity(2022, ActivityStatusChange)},
			want:      YearActivity(2022, ActivityStatusChange),
			wantFound: true, wantStale: true,
		},
		{
			name:      "recent trip beats old agreement",
			events:    []Activity{DateActivity(day(2019, 5, 1), ActivityAgreement), DateActivity(day(2026, 3, 4), ActivityTrip)},
			want:      DateActivity(day(2026, 3, 4), ActivityTrip),
			wantFound: true,
		},
		{
			name:      "dated event beats year-only in the same year",
			events:    []Activity{YearActivity(2025, ActivityStatusChange), DateActivity(day(2025, 2, 1), ActivityTrip)},
			want:      DateActivity(day(2025, 2, 1), ActivityTrip),
			wantFound: true,
		},
		{
			name:      "future project end is not activity yet",
			events:    []Activity{DateActivity(day(2023, 1, 10), ActivityProjectStart), DateActivity(day(2028, 12, 31), ActivityProjectEnd)},
			want:      DateActivity(day(2023, 1, 10), ActivityProjectStart),
			wantFound: true, wantStale: true,
		},
		{
			name:      "year-only counts from the end of its year",
			events:    []Activity{YearActivity(2024, ActivityStatusChange)},
			want:      YearActivity(2024, ActivityStatusChange),
			wantFound: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, found := LastActivity(tc.events, now)
			if found != tc.wantFound || got != tc.want {
				t.Errorf("LastActivity = %+v, %v; want %+v, %v", got, found, tc.want, tc.wantFound)
			}
			if stale := Stale(got, found, now); stale != tc.wantStale {
				t.Errorf("Stale = %v, want %v", stale, tc.wantStale)
			}
		})
	}
}
