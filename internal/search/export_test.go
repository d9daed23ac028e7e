package search

import (
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ResultSQLForTest is the statement Search ranks and highlights with, for EXPLAIN.
var ResultSQLForTest = resultSQL

// ResultArgsForTest are the arguments Search gives it for the first page of q.
func ResultArgsForTest(q Query, municipalityID int64) []any {
	return append([]any{pgx.QueryExecModeCacheDescribe}, resultArgs(q, municipalityID, 0, Cap)...)
}

// NewStoreWithCapForTest is NewStore with a smaller cap, so that a small database
// shows what a large one does.
func NewStoreWithCapForTest(pool *pgxpool.Pool, limit int) *Store {
	return &Store{q: pool, cap: limit}
}
