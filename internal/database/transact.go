package database

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// TransactOn runs fn in a transaction on q, committing when fn returns nil and
// rolling back otherwise: a new transaction when q is a pool, a savepoint when q
// is a transaction already. A store built on a Querier offers its writes in one
// transaction with it.
func TransactOn(ctx context.Context, q Querier, fn func(pgx.Tx) error) error {
	b, ok := q.(interface {
		Begin(ctx context.Context) (pgx.Tx, error)
	})
	if !ok {
		return fmt.Errorf("transact: %T cannot begin a transaction", q)
	}
	return pgx.BeginFunc(ctx, b, fn)
}
