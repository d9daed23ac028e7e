package search

import "github.com/jackc/pgx/v5"

// ResultSQLForTest is the statement Search ranks and highlights with, for EXPLAIN.
var ResultSQLForTest = resultSQL

// ResultArgsForTest are the arguments Search gives it for the first page of q.
func ResultArgsForTest(q Query, municipalityID int64) []any {
	return append([]any{pgx.QueryExecModeCacheDescribe}, resultArgs(q, municipalityID, 0)...)
}
