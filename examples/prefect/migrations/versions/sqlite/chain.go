// Package sqlite holds the SQLite migration chain: one file per revision, written by
// autogen, each adding its migration to Chain from an init function. Order
// comes from each migration's DownRevisions, never from file names.
package sqlite

import (
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// Chain is the SQLite migration chain.
var Chain = migrations.NewChain(schema.SQLite)
