package notify

import (
	"context"
	"fmt"
	"time"
)

// DueSoonDays is how many days before its report falls due the author is
// reminded of it.
const DueSoonDays = 5

// EnqueueReminders writes, once per trip and kind, the reminders due on day today:
// to the author of each trip whose report is still owed (status one of owed, the
// trip area's list) and falls due within DueSoonDays, or is overdue. A report
// falls due the municipality's report deadline (days) after the trip's last day,
// as the trip area computes it for the dashboard and the late reports page.
//
// The dedupe key makes it idempotent: run twice, or by several instances at
// once, it writes each reminder once (ON CONFLICT DO NOTHING waits for a
// concurrent insert of the same key and then skips it). It returns how many it
// wrote.
func (s *Store) EnqueueReminders(ctx context.Context, today time.Time, owed []string) (int64, error) {
	tag, err := s.db.Exec(ctx, `
INSERT INTO notification_outbox (kind, account_id, trip_id, dedupe_key)
SELECT r.kind, t.author_id, t.id, r.kind || ':' || t.id
FROM trip t
JOIN municipality m ON m.id = t.municipality_id
JOIN account a ON a.id = t.author_id AND a.active AND NOT a.is_demo
CROSS JOIN LATERAL (SELECT CASE
    WHEN t.ends_on + m.report_deadline_days < $1::date THEN $4
    WHEN t.ends_on + m.report_deadline_days - $2::int <= $1::date THEN $3
    END AS kind) r
WHERE t.archived_at IS NULL AND NOT t.is_demo AND t.reference IS NOT NULL AND t.ends_on IS NOT NULL
  AND t.status = ANY($5) AND r.kind IS NOT NULL
ON CONFLICT (dedupe_key) DO NOTHING`, today, DueSoonDays, ReportDueSoon, ReportOverdue, owed)
	if err != nil {
		return 0, fmt.Errorf("enqueue report reminders: %w", err)
	}
	return tag.RowsAffected(), nil
}
