package schemagen

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// Build resolves model and creates it on db, an empty database of dialect
// d, with diff.CreateOps and migrations.Apply. It returns the resolved
// model. Operations are applied in transactions of at most buildChunk
// operations: one transaction creating thousands of tables would exhaust
// PostgreSQL's lock table (max_locks_per_transaction).
func Build(ctx context.Context, db *sql.DB, d schema.Dialect, model *schema.Schema) (*schema.Schema, error) {
	resolved, err := model.Resolve()
	if err != nil {
		return nil, fmt.Errorf("schemagen: the model does not resolve: %w", err)
	}
	ops, err := diff.CreateOps(d, resolved)
	if err != nil {
		return nil, fmt.Errorf("schemagen: create operations for %s: %w", d.Title(), err)
	}
	for len(ops) > 0 {
		n := min(len(ops), buildChunk)
		if err := migrations.Apply(ctx, db, d, ops[:n], migrations.ApplyEnums(resolved.Lookup())); err != nil {
			return nil, fmt.Errorf("schemagen: build the model on %s: %w", d.Title(), err)
		}
		ops = ops[n:]
	}
	return resolved, nil
}

// buildChunk is the most operations Build applies in one transaction.
const buildChunk = 1000

// CountingQuerier wraps a reflect.Querier and counts the statements sent
// through it.
type CountingQuerier struct {
	Q reflect.Querier
	n atomic.Int64
}

// QueryContext counts the statement and passes it on.
func (c *CountingQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.Q.QueryContext(ctx, query, args...)
}

// Count returns the number of statements sent so far.
func (c *CountingQuerier) Count() int64 { return c.n.Load() }
