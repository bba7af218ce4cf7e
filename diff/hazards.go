package diff

import (
	"errors"
	"fmt"
	"strings"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// HazardKind classifies what a reviewer should know about an operation.
type HazardKind string

// Kinds of hazard.
const (
	// HazardDataLoss: the operation destroys data (a dropped table or
	// column, a narrower type).
	HazardDataLoss HazardKind = "data-loss"
	// HazardFailsOnData: the operation fails when existing rows do not fit
	// (NOT NULL over NULLs, a type that values do not convert to).
	HazardFailsOnData HazardKind = "fails-on-data"
	// HazardRebuild: SQLite cannot make the change with ALTER TABLE and
	// copies the whole table into a new one.
	HazardRebuild HazardKind = "table-rebuild"
	// HazardLock: PostgreSQL holds a lock that blocks writes (or reads and
	// writes) to the table while the operation runs, which on a large
	// table can be a long time.
	HazardLock HazardKind = "lock"
	// HazardRewrite: PostgreSQL rewrites every row of the table (and its
	// indexes) under an exclusive lock.
	HazardRewrite HazardKind = "table-rewrite"
	// HazardNonTransactional: the operation runs outside the migration's
	// transaction, so a failure is not rolled back.
	HazardNonTransactional HazardKind = "non-transactional"
	// HazardManual: SQL or Go code written by hand, which autogen cannot
	// judge.
	HazardManual HazardKind = "manual"
)

// Label is the kind as a reviewer reads it, in capitals ("DATA LOSS").
func (k HazardKind) Label() string {
	switch k {
	case HazardDataLoss:
		return "DATA LOSS"
	case HazardFailsOnData:
		return "MAY FAIL"
	case HazardRebuild:
		return "TABLE REBUILD"
	case HazardLock:
		return "LOCK"
	case HazardRewrite:
		return "TABLE REWRITE"
	case HazardNonTransactional:
		return "NOT TRANSACTIONAL"
	case HazardManual:
		return "REVIEW"
	}
	return strings.ToUpper(string(k))
}

// Hazard is one thing a reviewer should know about an operation on a
// dialect.
type Hazard struct {
	Kind HazardKind `json:"kind"`
	// Message says what happens and, where there is one, what to do
	// instead, in one sentence.
	Message string `json:"message"`
}

// String is the hazard as one line: "DATA LOSS: drops column …".
func (h Hazard) String() string { return h.Kind.Label() + ": " + h.Message }

// Hazards describes what a reviewer should know about op on dialect d,
// one line each (see Hazard.String); nil for a harmless operation. It
// judges op alone: Review knows more (the old type of a column from the
// reverse operations, and which tables are new).
func Hazards(d schema.Dialect, op migrations.Operation) []string {
	var out []string
	for _, h := range Review(d, []migrations.Operation{op}, nil)[0] {
		out = append(out, h.String())
	}
	return out
}

// Review returns the hazards of each operation of ops on dialect d,
// indexed like ops (an empty entry for a harmless operation). reverse is
// the other direction of the same migration (the downgrade of an upgrade),
// from which the previous type of an altered column is read; it may be
// nil. Operations on tables that ops itself creates are harmless as far
// as locks, rewrites and existing rows go: those tables are empty.
func Review(d schema.Dialect, ops, reverse []migrations.Operation) [][]Hazard {
	r := reviewer{d: d, created: map[string]bool{}, oldTypes: map[[2]string]schema.Type{}}
	walkOps(reverse, func(op migrations.Operation) {
		if a, ok := op.(migrations.AlterColumn); ok && a.Type != nil {
			r.oldTypes[[2]string{a.Table, a.Column}] = *a.Type
		}
	})
	out := make([][]Hazard, len(ops))
	for i, op := range ops {
		out[i] = r.op(op)
		if c, ok := op.(migrations.CreateTable); ok && c.Table != nil {
			r.created[c.Table.Name] = true
		}
	}
	return out
}

// walkOps calls f for each operation, and for each operation inside a
// batch.
func walkOps(ops []migrations.Operation, f func(migrations.Operation)) {
	for _, op := range ops {
		if b, ok := op.(migrations.Batch); ok {
			walkOps(b.Ops, f)
			continue
		}
		f(op)
	}
}

type reviewer struct {
	d        schema.Dialect
	created  map[string]bool           // tables created earlier in the same list
	oldTypes map[[2]string]schema.Type // (table, column) -> type before the change
}

func (r *reviewer) op(op migrations.Operation) []Hazard {
	pg := r.d == schema.Postgres
	existing := !r.created[op.TableName()]
	var out []Hazard
	add := func(k HazardKind, format string, args ...any) {
		out = append(out, Hazard{Kind: k, Message: fmt.Sprintf(format, args...)})
	}
	switch o := op.(type) {
	case migrations.DropTable:
		add(HazardDataLoss, "drops table %q and every row in it", o.Table)
	case migrations.DropColumn:
		add(HazardDataLoss, "drops column %q.%q and its values", o.Table, o.Column)
	case migrations.DropEnum:
		if pg {
			add(HazardDataLoss, "drops enum type %q", o.Enum)
		}
	case migrations.AddColumn:
		c := o.Column
		if c != nil && c.NotNull && c.Default.IsZero() && existing {
			add(HazardFailsOnData, "adds NOT NULL column %q.%q without a default: fails if the table has rows (give it a default, or add it nullable, fill it, then set NOT NULL)", o.Table, c.Name)
		}
		if c != nil && pg && existing && volatileDefault(c.Default) {
			add(HazardRewrite, "adds column %q.%q with a default computed per row: PostgreSQL rewrites the whole table under an exclusive lock", o.Table, c.Name)
		}
	case migrations.AlterColumn:
		out = append(out, r.alterColumn(o, existing)...)
	case migrations.CreateIndex:
		switch {
		case pg && o.Concurrently:
			add(HazardNonTransactional, "creates index %q CONCURRENTLY, outside the migration's transaction: if it fails, drop the INVALID index it leaves before retrying", indexName(o.Index))
		case pg && existing:
			add(HazardLock, "creates index %q on %q without CONCURRENTLY: writes to the table wait until the index is built (on a large table, use op.CreateIndexConcurrently)", indexName(o.Index), o.Table)
		case existing:
			add(HazardLock, "creates index %q by reading every row of %q while the migration holds the database's write lock: other writers wait until it is built", indexName(o.Index), o.Table)
		}
	case migrations.DropIndex:
		if pg && o.Concurrently {
			add(HazardNonTransactional, "drops index %q CONCURRENTLY, outside the migration's transaction", o.Index)
		}
	case migrations.AddForeignKey:
		if pg && existing && o.ForeignKey != nil {
			add(HazardLock, "adds foreign key %q to %q: every row is checked while writes to both tables wait", o.ForeignKey.Name, o.Table)
		}
	case migrations.AddUnique:
		if pg && existing && o.Unique != nil {
			add(HazardLock, "adds unique constraint %q to %q: builds its index while writes wait, and fails on duplicate rows", o.Unique.Name, o.Table)
		}
	case migrations.AddCheck:
		if pg && existing && o.Check != nil {
			add(HazardLock, "adds check constraint %q to %q: every row is checked under an exclusive lock, and rows that break it make it fail", o.Check.Name, o.Table)
		}
	case migrations.AddEnumValue:
		if pg {
			add(HazardNonTransactional, "adds value %q to enum %q: the new value cannot be used until the migration commits, and a downgrade cannot remove it", o.Value, o.Enum)
		}
	case migrations.Exec:
		add(HazardManual, "runs SQL written by hand; autogen cannot judge it")
	case migrations.Run:
		add(HazardManual, "runs Go code (a data migration); it has no SQL form to review")
	case migrations.Batch:
		out = append(out, r.batch(o, existing)...)
	}
	return out
}

// batch reviews the operations of a batch. On SQLite it says when the
// batch needs a table rebuild.
func (r *reviewer) batch(b migrations.Batch, existing bool) []Hazard {
	var out []Hazard
	var rebuildFor []string
	var drops []string
	for _, inner := range b.Ops {
		out = append(out, r.op(inner)...)
		if r.d != schema.SQLite || !existing {
			continue
		}
		if _, err := migrations.Statements(schema.SQLite, inner, nil); errors.Is(err, migrations.ErrRebuildRequired) {
			rebuildFor = append(rebuildFor, describeOp(inner))
		}
		if dc, ok := inner.(migrations.DropColumn); ok {
			drops = append(drops, dc.Column)
		}
	}
	switch {
	case len(rebuildFor) > 0:
		out = append(out, Hazard{Kind: HazardRebuild, Message: fmt.Sprintf(
			"rebuilds table %q (%s): every row is copied into a new table, which takes time and disk space in proportion to the table",
			b.Table, strings.Join(rebuildFor, "; "))})
	case len(drops) > 0:
		out = append(out, Hazard{Kind: HazardRebuild, Message: fmt.Sprintf(
			"rebuilds table %q if an index, key or constraint uses %s (SQLite can drop only unused columns in place)",
			b.Table, quoteList(drops))})
	}
	return out
}

func (r *reviewer) alterColumn(o migrations.AlterColumn, existing bool) []Hazard {
	var out []Hazard
	add := func(k HazardKind, format string, args ...any) {
		out = append(out, Hazard{Kind: k, Message: fmt.Sprintf(format, args...)})
	}
	col := fmt.Sprintf("%q.%q", o.Table, o.Column)
	if o.Type != nil && existing {
		old, known := r.oldTypes[[2]string{o.Table, o.Column}]
		var change typeChange
		if known {
			change = compareTypes(old, *o.Type)
		} else {
			change = typeChange{rewrite: true, unknown: true}
		}
		from := ""
		if known {
			from = typeText(old) + " → "
		}
		switch {
		case change.narrows:
			add(HazardDataLoss, "narrows the type of %s (%s%s): values that do not fit make it fail or lose precision", col, from, typeText(*o.Type))
		case change.unknown:
			add(HazardFailsOnData, "changes the type of %s to %s: values that do not convert make it fail", col, typeText(*o.Type))
		}
		if r.d == schema.Postgres && change.rewrite {
			add(HazardRewrite, "changing the type of %s (%s%s) rewrites the whole table under an exclusive lock", col, from, typeText(*o.Type))
		}
	}
	if o.NotNull != nil && *o.NotNull && existing {
		if o.FillNulls == "" {
			add(HazardFailsOnData, "makes %s NOT NULL: fails if existing rows hold NULL (add migrations.FillNulls(...) to set them first)", col)
		}
		if r.d == schema.Postgres {
			add(HazardLock, "making %s NOT NULL scans the whole table under an exclusive lock", col)
		}
	}
	return out
}

// typeChange is what changing a column from one type to another does on
// PostgreSQL.
type typeChange struct {
	narrows bool // some values may not fit
	rewrite bool // every row is rewritten
	unknown bool // the old type is not known
}

// compareTypes judges a type change; PostgreSQL changes a type in place
// (without rewriting) only between binary-compatible types: a longer or
// unlimited VARCHAR, VARCHAR to TEXT, a NUMERIC with more precision and the
// same scale.
func compareTypes(from, to schema.Type) typeChange {
	if from.Equal(to) {
		return typeChange{}
	}
	textual := func(t schema.Type) bool { return t.Kind == schema.KindText || t.Kind == schema.KindVarchar }
	switch {
	case textual(from) && textual(to):
		fromLen, toLen := textLimit(from), textLimit(to)
		if toLen == 0 || (fromLen != 0 && toLen >= fromLen) {
			return typeChange{}
		}
		return typeChange{narrows: true, rewrite: true}
	case from.Kind == schema.KindNumeric && to.Kind == schema.KindNumeric:
		if to.Precision == 0 || (from.Precision != 0 && to.Precision >= from.Precision && to.Scale == from.Scale) {
			return typeChange{}
		}
		return typeChange{narrows: from.Precision == 0 || to.Precision < from.Precision || to.Scale < from.Scale, rewrite: true}
	}
	if rf, ok := intRank[from.Kind]; ok {
		if rt, ok := intRank[to.Kind]; ok {
			return typeChange{narrows: rt < rf, rewrite: true}
		}
	}
	// Any other change converts every value: those that do not convert
	// make it fail.
	return typeChange{narrows: true, rewrite: true}
}

var intRank = map[schema.TypeKind]int{schema.KindSmallInt: 1, schema.KindInteger: 2, schema.KindBigInt: 3}

// textLimit is a text type's length limit, 0 for none.
func textLimit(t schema.Type) int {
	if t.Kind == schema.KindVarchar {
		return t.Length
	}
	return 0
}

func typeText(t schema.Type) string {
	switch {
	case t.Kind == schema.KindVarchar && t.Length > 0:
		return fmt.Sprintf("varchar(%d)", t.Length)
	case t.Kind == schema.KindChar && t.Length > 0:
		return fmt.Sprintf("char(%d)", t.Length)
	case t.Kind == schema.KindNumeric && t.Precision > 0:
		return fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale)
	case t.Kind == schema.KindEnum:
		return "enum " + t.Enum
	case t.Kind == schema.KindArray && t.Elem != nil:
		return typeText(*t.Elem) + "[]"
	case t.Kind == schema.KindNative:
		for _, s := range t.Native {
			return s
		}
	}
	return string(t.Kind)
}

// volatileDefault reports a default that PostgreSQL computes per row when
// a column is added (so it rewrites the table), as opposed to a constant
// or a stable expression such as now(), which it stores once.
func volatileDefault(d schema.Default) bool {
	switch d.Kind {
	case schema.DefaultUUID:
		return true
	case schema.DefaultExpr:
		text, _ := d.SQL.For(schema.Postgres)
		text = strings.ToLower(text)
		return strings.Contains(text, "random") || strings.Contains(text, "uuid") || strings.Contains(text, "nextval") || strings.Contains(text, "clock_timestamp")
	}
	return false
}

func indexName(x *schema.Index) string {
	if x == nil {
		return ""
	}
	return x.Name
}

// describeOp names an operation briefly, for the rebuild hazard.
func describeOp(op migrations.Operation) string {
	switch o := op.(type) {
	case migrations.AddColumn:
		if o.Column != nil {
			return fmt.Sprintf("adds column %q", o.Column.Name)
		}
	case migrations.AlterColumn:
		return fmt.Sprintf("alters column %q", o.Column)
	case migrations.AddForeignKey:
		return "adds a foreign key"
	case migrations.DropForeignKey:
		return fmt.Sprintf("drops foreign key %q", o.Name)
	case migrations.AddUnique:
		return "adds a unique constraint"
	case migrations.DropUnique:
		return fmt.Sprintf("drops unique constraint %q", o.Name)
	case migrations.AddCheck:
		return "adds a check constraint"
	case migrations.DropCheck:
		return fmt.Sprintf("drops check constraint %q", o.Name)
	case migrations.DropColumn:
		return fmt.Sprintf("drops column %q", o.Column)
	}
	return fmt.Sprintf("%T", op)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
