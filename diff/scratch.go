package diff

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// CreateOps returns the operations that create a resolved model from
// nothing on dialect d, in dependency order, written from the model's own
// declarations. Nothing is filtered.
func CreateOps(d schema.Dialect, model *schema.Schema) ([]migrations.Operation, error) {
	r, err := Compare(d, nil, ForDialect(model, d), Options{Model: model, Filter: &Filter{}})
	if err != nil {
		return nil, err
	}
	return r.Upgrade, nil
}

// Desired builds a resolved model on db, an empty scratch database of
// dialect d, and reflects it back: the model in the canonical form the
// database itself gives, ready to compare with a reflected database.
func Desired(ctx context.Context, d schema.Dialect, model *schema.Schema, db *sql.DB, opts reflect.Options) (*schema.Schema, error) {
	ops, err := CreateOps(d, model)
	if err != nil {
		return nil, err
	}
	if err := migrations.Apply(ctx, db, d, ops); err != nil {
		return nil, fmt.Errorf("build the model on a scratch %s database: %w", d.Title(), err)
	}
	s, err := reflect.Database(ctx, d, db, opts)
	if err != nil {
		return nil, fmt.Errorf("reflect the model's scratch %s database: %w", d.Title(), err)
	}
	return s, nil
}
