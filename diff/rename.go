package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// Kinds of change that only a rename gives (see CompareRenaming).
const (
	RenameTable  Kind = "rename_table"
	RenameColumn Kind = "rename_column"
)

// Rename asks for an object to be renamed instead of dropped and added
// again, which would lose its data.
type Rename struct {
	// Table is the table of a column rename, by its new name when the
	// table is renamed too; "" for a table rename.
	Table string `json:"table,omitempty"`
	// From and To are the old and new names of the table or column.
	From string `json:"from"`
	To   string `json:"to"`
}

// String is the rename as ParseRename reads it: "table.old:new" for a
// column, "old:new" for a table.
func (r Rename) String() string {
	if r.Table != "" {
		return r.Table + "." + r.From + ":" + r.To
	}
	return r.From + ":" + r.To
}

// ParseRename reads "table.old:new" (a column) or "old:new" (a table).
func ParseRename(s string) (Rename, error) {
	from, to, ok := strings.Cut(s, ":")
	if !ok || from == "" || to == "" || strings.Contains(to, ".") {
		return Rename{}, fmt.Errorf("rename %q: write table.old_column:new_column for a column or old_table:new_table for a table", s)
	}
	if table, col, ok := strings.Cut(from, "."); ok {
		if table == "" || col == "" {
			return Rename{}, fmt.Errorf("rename %q: write table.old_column:new_column", s)
		}
		return Rename{Table: table, From: col, To: to}, nil
	}
	return Rename{From: from, To: to}, nil
}

// PossibleRenames looks at a comparison's changes for a column dropped
// and a column of the same type added on one table, and for a table
// dropped and a table with the same columns added: each may be a rename,
// which the comparison cannot tell from a drop and an add. current and
// desired are the schemas r compared.
func PossibleRenames(r *Result, current, desired *schema.Schema) []Rename {
	current, desired = orEmpty(current), orEmpty(desired)
	var out []Rename
	dropped := map[string][]string{} // table -> dropped columns
	added := map[string][]string{}
	var droppedTables, addedTables []string
	for _, c := range r.Changes {
		switch c.Kind {
		case DropColumn:
			dropped[c.Table] = append(dropped[c.Table], c.Object)
		case AddColumn:
			added[c.Table] = append(added[c.Table], c.Object)
		case DropTable:
			droppedTables = append(droppedTables, c.Table)
		case AddTable:
			addedTables = append(addedTables, c.Table)
		}
	}
	for _, c := range r.Changes {
		if c.Kind != DropColumn {
			continue
		}
		ct, dt := current.Table(c.Table), desired.Table(c.Table)
		if ct == nil || dt == nil {
			continue
		}
		old := ct.Column(c.Object)
		for _, name := range added[c.Table] {
			if nc := dt.Column(name); old != nil && nc != nil && old.Type.Equal(nc.Type) {
				out = append(out, Rename{Table: c.Table, From: c.Object, To: name})
			}
		}
	}
	for _, from := range droppedTables {
		for _, to := range addedTables {
			if sameColumns(current.Table(from), desired.Table(to)) {
				out = append(out, Rename{From: from, To: to})
			}
		}
	}
	return out
}

// sameColumns reports whether two tables have the same columns (names and
// types) in the same order.
func sameColumns(a, b *schema.Table) bool {
	if a == nil || b == nil || len(a.Columns) != len(b.Columns) {
		return false
	}
	for i, c := range a.Columns {
		if c.Name != b.Columns[i].Name || !c.Type.Equal(b.Columns[i].Type) {
			return false
		}
	}
	return true
}

// CompareRenaming is Compare with renames: the tables and columns named
// in renames are renamed in the current schema first (with the keys,
// indexes and foreign keys that use them), the comparison runs on that,
// and the upgrade starts with the renames (RenameTable, then RenameColumn;
// on SQLite column renames open the table's batch) while the downgrade
// ends with them reversed. Objects whose names come from the naming
// convention (ix_flow__name) are dropped and created again under their
// new names, as the comparison finds them.
//
// Every rename must name an object the current schema has and the desired
// schema lacks, and a new name the desired schema has and the current one
// lacks; otherwise it is an error naming the rename.
func CompareRenaming(d schema.Dialect, current, desired *schema.Schema, opts Options, renames []Rename) (*Result, error) {
	if len(renames) == 0 {
		return Compare(d, current, desired, opts)
	}
	cur := orEmpty(current).Clone()
	want := orEmpty(desired)
	// Table renames first, so that a column rename can name the table by
	// its new name.
	ordered := slices.Clone(renames)
	slices.SortStableFunc(ordered, func(a, b Rename) int {
		return boolInt(a.Table != "") - boolInt(b.Table != "")
	})
	for _, rn := range ordered {
		if err := renameIn(cur, want, rn, d); err != nil {
			return nil, err
		}
	}
	r, err := Compare(d, cur, want, opts)
	if err != nil {
		return nil, err
	}
	var changes []Change
	var upTables, upColumns, downColumns, downTables []migrations.Operation
	for _, rn := range ordered {
		if rn.Table == "" {
			changes = append(changes, Change{Kind: RenameTable, Table: rn.From, Detail: fmt.Sprintf("to %q", rn.To)})
			upTables = append(upTables, migrations.RenameTable{Table: rn.From, To: rn.To})
			downTables = append([]migrations.Operation{migrations.RenameTable{Table: rn.To, To: rn.From}}, downTables...)
			continue
		}
		changes = append(changes, Change{Kind: RenameColumn, Table: rn.Table, Object: rn.From, Detail: fmt.Sprintf("to %q", rn.To)})
		upColumns = append(upColumns, migrations.RenameColumn{Table: rn.Table, Column: rn.From, To: rn.To})
		downColumns = append([]migrations.Operation{migrations.RenameColumn{Table: rn.Table, Column: rn.To, To: rn.From}}, downColumns...)
	}
	r.Changes = append(changes, r.Changes...)
	if d == schema.SQLite {
		r.Upgrade = append(upTables, mergeIntoBatches(r.Upgrade, upColumns, true)...)
		r.Downgrade = append(mergeIntoBatches(r.Downgrade, downColumns, false), downTables...)
	} else {
		r.Upgrade = slices.Concat(upTables, upColumns, r.Upgrade)
		r.Downgrade = slices.Concat(r.Downgrade, downColumns, downTables)
	}
	return r, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// mergeIntoBatches puts each rename into the batch of its table in ops, at
// the start (first) or the end; a table without a batch gets one of its
// own, before (first) or after the other operations.
func mergeIntoBatches(ops, renames []migrations.Operation, first bool) []migrations.Operation {
	out := slices.Clone(ops)
	var extra []migrations.Operation
	for _, rn := range renames {
		merged := false
		for i, op := range out {
			if b, ok := op.(migrations.Batch); ok && b.Table == rn.TableName() {
				if first {
					b.Ops = append([]migrations.Operation{rn}, b.Ops...)
				} else {
					b.Ops = append(slices.Clone(b.Ops), rn)
				}
				out[i] = b
				merged = true
				break
			}
		}
		if !merged {
			extra = append(extra, migrations.Batch{Table: rn.TableName(), Ops: []migrations.Operation{rn}})
		}
	}
	if first {
		return append(extra, out...)
	}
	return append(out, extra...)
}

// renameIn applies rn to cur, after checking it against cur and want.
func renameIn(cur, want *schema.Schema, rn Rename, d schema.Dialect) error {
	if rn.Table == "" {
		switch {
		case cur.Table(rn.From) == nil:
			return fmt.Errorf("rename %s: there is no table %q on %s to rename", rn, rn.From, d.Title())
		case cur.Table(rn.To) != nil:
			return fmt.Errorf("rename %s: table %q exists already on %s", rn, rn.To, d.Title())
		case want.Table(rn.To) == nil:
			return fmt.Errorf("rename %s: the model has no table %q", rn, rn.To)
		case want.Table(rn.From) != nil:
			return fmt.Errorf("rename %s: the model still has table %q", rn, rn.From)
		}
		cur.Table(rn.From).Name = rn.To
		for _, t := range cur.Tables {
			for _, fk := range t.ForeignKeys {
				if fk.RefTable == rn.From {
					fk.RefTable = rn.To
				}
			}
		}
		return nil
	}
	t, wt := cur.Table(rn.Table), want.Table(rn.Table)
	switch {
	case t == nil:
		return fmt.Errorf("rename %s: there is no table %q on %s", rn, rn.Table, d.Title())
	case wt == nil:
		return fmt.Errorf("rename %s: the model has no table %q", rn, rn.Table)
	case t.Column(rn.From) == nil:
		return fmt.Errorf("rename %s: table %q has no column %q on %s to rename", rn, rn.Table, rn.From, d.Title())
	case t.Column(rn.To) != nil:
		return fmt.Errorf("rename %s: table %q has a column %q already on %s", rn, rn.Table, rn.To, d.Title())
	case wt.Column(rn.To) == nil:
		return fmt.Errorf("rename %s: the model's table %q has no column %q", rn, rn.Table, rn.To)
	case wt.Column(rn.From) != nil:
		return fmt.Errorf("rename %s: the model's table %q still has column %q", rn, rn.Table, rn.From)
	}
	ren := func(cols []string) {
		for i, c := range cols {
			if c == rn.From {
				cols[i] = rn.To
			}
		}
	}
	t.Column(rn.From).Name = rn.To
	if t.PrimaryKey != nil {
		ren(t.PrimaryKey.Columns)
	}
	for _, u := range t.Uniques {
		ren(u.Columns)
	}
	for _, fk := range t.ForeignKeys {
		ren(fk.Columns)
	}
	for _, x := range t.Indexes {
		ren(x.Include)
		for i := range x.Keys {
			if x.Keys[i].Column == rn.From {
				x.Keys[i].Column = rn.To
			}
		}
	}
	for _, other := range cur.Tables {
		for _, fk := range other.ForeignKeys {
			if fk.RefTable == rn.Table {
				ren(fk.RefColumns)
			}
		}
	}
	return nil
}
