// Package migrations is the runtime that generated migration files import:
// the operation API they call, DDL for PostgreSQL and SQLite, SQLite batch
// mode (native ALTER TABLE or the 12-step rebuild), chains of revisions as
// DAGs, the version table (Alembic's by default), and upgrade, downgrade
// and stamp (Runner), one transaction per migration, safe for any number
// of processes at once. OfflineSQL prints what an upgrade would run.
//
// It does not compare schemas or write files; see the diff and render
// packages for that. docs/runtime.md says what it guarantees.
package migrations

import (
	"fmt"
	"sync"

	"github.com/autogen-dev/autogen/schema"
)

// Migration is one revision of a chain.
type Migration struct {
	// Revision is the revision ID: 12 hex digits for generated files.
	Revision string
	// DownRevisions are the revisions this one follows: none for the first
	// migration, one usually, two or more for a merge.
	DownRevisions []string
	// Message is the message given to `autogen revision -m`.
	Message string
	// Created is the creation time as written in the file
	// ("2006-01-02 15:04:05"), for display only; order comes from
	// DownRevisions.
	Created string
	// Upgrade and Downgrade record the migration's operations. Either may
	// be nil for a migration with nothing to do in that direction.
	Upgrade   func(op *Op)
	Downgrade func(op *Op)
}

// Chain is the set of migrations for one dialect: a registry that each
// migration file adds itself to from an init function. It is safe for
// concurrent use.
type Chain struct {
	dialect schema.Dialect

	mu         sync.Mutex
	migrations []*Migration
}

// NewChain returns an empty chain for dialect d.
func NewChain(d schema.Dialect) *Chain { return &Chain{dialect: d} }

// Dialect is the chain's dialect.
func (c *Chain) Dialect() schema.Dialect { return c.dialect }

// Add registers m. Problems with the chain as a whole (duplicate IDs,
// missing parents, cycles) are reported when it is used, not here, so
// that every problem can be listed at once.
func (c *Chain) Add(m Migration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.migrations = append(c.migrations, &m)
}

// Migrations returns the registered migrations in registration order.
func (c *Chain) Migrations() []*Migration {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]*Migration, len(c.migrations))
	copy(out, c.migrations)
	return out
}

// Ops runs the migration's Upgrade (up true) or Downgrade function and
// returns the operations it records.
func (m *Migration) Ops(up bool) (ops []Operation, err error) {
	f := m.Downgrade
	if up {
		f = m.Upgrade
	}
	if f == nil {
		return nil, nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("revision %s: recording operations panicked: %v", m.Revision, r)
		}
	}()
	op := &Op{}
	f(op)
	return op.Operations(), nil
}
