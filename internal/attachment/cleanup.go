package attachment

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// UnattachedFor is how long an upload may wait for a record to take it: a form
// that came back with a problem keeps its accepted files this long.
const UnattachedFor = 24 * time.Hour

// DeleteUnattached deletes the uploads made before olderThan that no record
// holds (view attachment_use) and returns how many it deleted. An upload taken
// meanwhile is skipped: the attachment row is locked by whoever takes it.
func DeleteUnattached(ctx context.Context, pool *pgxpool.Pool, olderThan time.Time) (int64, error) {
	tag, err := pool.Exec(ctx, `
DELETE FROM attachment a
WHERE a.id IN (SELECT id FROM attachment WHERE created_at < $1 FOR UPDATE SKIP LOCKED)
  AND NOT EXISTS (SELECT 1 FROM attachment_use u WHERE u.attachment_id = a.id)`, olderThan)
	if err != nil {
		return 0, fmt.Errorf("delete unattached uploads: %w", err)
	}
	return tag.RowsAffected(), nil
}
