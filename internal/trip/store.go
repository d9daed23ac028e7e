package trip

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Store holds all of the trip area's SQL: the register and the public trip page,
// the lifecycle's moves, the workspace's editing, lists and review queue, and the
// open data downloads.
type Store struct{ db database.Querier }

// NewStore returns a Store that reads and writes with db: a pool, or a
// transaction of which its methods become a part.
func NewStore(db database.Querier) *Store { return &Store{db: db} }

// transact runs fn in a transaction: a new one on a pool, a savepoint inside a
// transaction. fn's tx is what the statements of the step run on.
func (s *Store) transact(ctx context.Context, fn func(tx pgx.Tx) error) error {
	b, ok := s.db.(interface {
		Begin(ctx context.Context) (pgx.Tx, error)
	})
	if !ok {
		return errors.New("trip store: cannot begin a transaction")
	}
	return pgx.BeginFunc(ctx, b, fn)
}
