package database

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
)

// InTx runs fn in a transaction on q, committing when fn returns nil and rolling
// back otherwise. On a pool that is a transaction of its own; inside a
// transaction, a savepoint, so a store's save can be one step of a larger one.
func InTx(ctx context.Context, q Querier, fn func(pgx.Tx) error) error {
	b, ok := q.(interface {
		Begin(ctx context.Context) (pgx.Tx, error)
	})
	if !ok {
		return errors.New("database: cannot begin a transaction on this querier")
	}
	return pgx.BeginFunc(ctx, b, fn)
}
