package diff

import (
	"fmt"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// Hazards describes what a reviewer should know about op on dialect d:
// data it destroys, and operations that fail on existing data. It returns
// nil for a harmless operation.
func Hazards(d schema.Dialect, op migrations.Operation) []string {
	switch o := op.(type) {
	case migrations.DropTable:
		return []string{fmt.Sprintf("DATA LOSS: drops table %q and every row in it", o.Table)}
	case migrations.DropColumn:
		return []string{fmt.Sprintf("DATA LOSS: drops column %q.%q and its values", o.Table, o.Column)}
	case migrations.DropEnum:
		return []string{fmt.Sprintf("drops enum type %q", o.Enum)}
	case migrations.AlterColumn:
		var out []string
		if o.Type != nil {
			out = append(out, fmt.Sprintf("changes the type of %q.%q: values that do not convert make it fail, a narrower type can lose data", o.Table, o.Column))
		}
		if o.NotNull != nil && *o.NotNull && o.FillNulls == "" {
			out = append(out, fmt.Sprintf("makes %q.%q NOT NULL: fails if existing rows hold NULL (add migrations.FillNulls(...) to set them first)", o.Table, o.Column))
		}
		return out
	case migrations.AddColumn:
		if o.Column.NotNull && o.Column.Default.IsZero() {
			return []string{fmt.Sprintf("adds NOT NULL column %q.%q without a default: fails if the table has rows", o.Table, o.Column.Name)}
		}
	case migrations.Batch:
		var out []string
		for _, inner := range o.Ops {
			out = append(out, Hazards(d, inner)...)
		}
		return out
	}
	return nil
}
