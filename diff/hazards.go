package diff

import (
	"errors"
	"fmt"
	"math"
	"slices"
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
	r := reviewer{d: d, created: map[string]bool{}, createdObjects: map[string]bool{},
		oldTypes: map[[2]string]schema.Type{}, oldSequences: map[string]*schema.Sequence{},
		enumValues: map[string][]string{}, enumKnown: map[string]bool{}}
	walkOps(reverse, func(op migrations.Operation) {
		switch o := op.(type) {
		case migrations.AlterColumn:
			if o.Type != nil {
				r.oldTypes[[2]string{o.Table, o.Column}] = *o.Type
			}
		case migrations.AlterSequence:
			if o.Sequence != nil {
				r.oldSequences[o.Sequence.Name] = o.Sequence
			}
		case migrations.RebuildEnum:
			// The reverse rebuilds the enum with its previous values.
			if o.Enum != nil {
				r.enumValues[o.Enum.Name] = o.Enum.Values
				r.enumKnown[o.Enum.Name] = true
			}
		case migrations.AddEnumValue:
			// The reverse adds back a value that this direction removes.
			r.enumAdded = append(r.enumAdded, [2]string{o.Enum, o.Value})
		}
	})
	out := make([][]Hazard, len(ops))
	for i, op := range ops {
		out[i] = r.op(op)
		walkOps([]migrations.Operation{op}, func(op migrations.Operation) {
			switch o := op.(type) {
			case migrations.CreateTable:
				if o.Table != nil {
					r.created[o.Table.Name] = true
				}
			case migrations.CreateSequence:
				if o.Sequence != nil {
					r.createdObjects["sequence "+o.Sequence.Name] = true
				}
			case migrations.CreateDomain:
				if o.Domain != nil {
					r.createdObjects["domain "+o.Domain.Name] = true
				}
			}
		})
	}
	return out
}

// walkOps calls f for each operation, and for each operation inside a
// batch.
func walkOps(ops []migrations.Operation, f func(migrations.Operation)) {
	for _, op := range ops {
		switch o := op.(type) {
		case migrations.Batch:
			walkOps(o.Ops, f)
		case migrations.Autocommit:
			walkOps(o.Ops, f)
		default:
			f(op)
		}
	}
}

type reviewer struct {
	d       schema.Dialect
	created map[string]bool // tables created earlier in the same list
	// createdObjects holds the sequences and domains created earlier in
	// the same list, as "sequence NAME" and "domain NAME".
	createdObjects map[string]bool
	oldTypes       map[[2]string]schema.Type   // (table, column) -> type before the change
	oldSequences   map[string]*schema.Sequence // sequence -> definition before the change
	// enumValues holds an enum's values before a RebuildEnum, when the
	// reverse rebuilds it (enumKnown); enumAdded lists the (enum, value)
	// pairs that the reverse adds back, which this direction removes.
	enumValues map[string][]string
	enumKnown  map[string]bool
	enumAdded  [][2]string
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
			add(HazardNonTransactional, "adds value %q to enum %q: rows cannot hold it until the migration commits (a data migration using it belongs in a later revision), and before PostgreSQL 12 it is added outside the transaction, staying if the migration fails", o.Value, o.Enum)
		}
	case migrations.RebuildEnum:
		if pg {
			out = append(out, r.rebuildEnum(o)...)
		}
	case migrations.DropSequence:
		if pg && !r.createdObjects["sequence "+o.Name] {
			add(HazardDataLoss, "drops sequence %q and its current value: a sequence created again under that name starts over, and the numbers it hands out may clash with existing rows", o.Name)
		}
	case migrations.AlterSequence:
		if pg && o.Sequence != nil && !r.createdObjects["sequence "+o.Sequence.Name] {
			out = append(out, r.alterSequence(o.Sequence)...)
		}
	case migrations.DropDomain:
		if pg && !r.createdObjects["domain "+o.Name] {
			add(HazardDataLoss, "drops domain %q with its default and checks; it fails while a column still has the domain as its type", o.Name)
		}
	case migrations.AlterDomain:
		if pg && !r.createdObjects["domain "+o.Name] {
			if o.NotNull != nil && *o.NotNull {
				add(HazardFailsOnData, "makes domain %q NOT NULL: every column of that type is scanned, and a NULL in any of them makes it fail", o.Name)
			}
			if o.AddCheck != nil {
				add(HazardFailsOnData, "adds check %q to domain %q: every column of that type is scanned, and a value that breaks it makes it fail", o.AddCheck.Name, o.Name)
			}
		}
	case migrations.DropExtension:
		if pg {
			add(HazardDataLoss, "drops extension %q with the functions, types and tables it installed; it fails while a column or index still uses them", o.Name)
		}
	case migrations.AddPrimaryKey:
		if o.PrimaryKey != nil && existing {
			add(HazardFailsOnData, "adds a primary key on %s to %q: fails if rows hold duplicate or NULL values there", quoteList(o.PrimaryKey.Columns), o.Table)
			if pg {
				add(HazardLock, "adding the primary key of %q builds its unique index under an exclusive lock: reads and writes of the table wait until it is built", o.Table)
			}
		}
	case migrations.DropPrimaryKey:
		if pg && existing {
			add(HazardFailsOnData, "drops the primary key %q of %q: nothing keeps its rows unique any more, foreign keys that reference it must go first, and if the table is published for logical replication its UPDATEs and DELETEs fail until it has a replica identity again", o.Name, o.Table)
		}
	case migrations.Autocommit:
		var others []migrations.Operation
		for _, inner := range o.Ops {
			if v, ok := inner.(migrations.AddEnumValue); ok && pg {
				add(HazardNonTransactional, "adds value %q to enum %q and commits it before the rest of the migration, which uses it: if the migration fails later, the value stays (a re-run skips it)", v.Value, v.Enum)
				continue
			}
			others = append(others, inner)
		}
		if pg && len(others) > 0 {
			add(HazardNonTransactional, "runs %d operation%s outside the migration's transaction (an autocommit block): if the migration fails later, they stay applied, so they must be safe to run again", len(others), pluralS(len(others)))
		}
		for _, inner := range others {
			out = append(out, r.op(inner)...)
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
	case migrations.RenameColumn:
		return fmt.Sprintf("renames column %q", o.Column)
	case migrations.AddPrimaryKey:
		return "adds a primary key"
	case migrations.DropPrimaryKey:
		return "drops the primary key"
	case migrations.CreateIndex:
		return fmt.Sprintf("creates index %q", indexName(o.Index))
	case migrations.DropIndex:
		return fmt.Sprintf("drops index %q", o.Index)
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", op), "migrations.")
}

// rebuildEnum reviews the rebuild of a PostgreSQL enum: rows holding a
// value that the new list lacks make it fail, and each column of the type
// is converted, rewriting its table.
func (r *reviewer) rebuildEnum(o migrations.RebuildEnum) []Hazard {
	if o.Enum == nil {
		return nil
	}
	var tables, cols []string
	for _, c := range o.Columns {
		if r.created[c.Table] {
			continue // a new table holds no rows
		}
		cols = append(cols, fmt.Sprintf("%q.%q", c.Table, c.Column))
		if !slices.Contains(tables, c.Table) {
			tables = append(tables, c.Table)
		}
	}
	if len(cols) == 0 {
		return nil
	}
	var out []Hazard
	removed, known := r.removedEnumValues(o.Enum)
	switch {
	case !known:
		out = append(out, Hazard{Kind: HazardFailsOnData, Message: fmt.Sprintf(
			"rebuilds enum %q with the values %s: rows of %s holding any other value make it fail (update them first, with op.Exec)",
			o.Enum.Name, strings.Join(o.Enum.Values, ", "), strings.Join(cols, ", "))})
	case len(removed) > 0:
		out = append(out, Hazard{Kind: HazardFailsOnData, Message: fmt.Sprintf(
			"rebuilds enum %q without %s: rows of %s holding %s make it fail (update them first, with op.Exec)",
			o.Enum.Name, strings.Join(removed, ", "), strings.Join(cols, ", "), map[bool]string{true: "it", false: "one of them"}[len(removed) == 1])})
	}
	out = append(out, Hazard{Kind: HazardRewrite, Message: fmt.Sprintf(
		"rebuilding enum %q converts %s to the new type: PostgreSQL rewrites %s under an exclusive lock",
		o.Enum.Name, strings.Join(cols, ", "), quoteList(tables))})
	return out
}

// removedEnumValues returns the values that rebuilding e removes, as far
// as the reverse operations tell; known is false when they do not.
func (r *reviewer) removedEnumValues(e *schema.Enum) (removed []string, known bool) {
	if r.enumKnown[e.Name] {
		for _, v := range r.enumValues[e.Name] {
			if !slices.Contains(e.Values, v) {
				removed = append(removed, v)
			}
		}
		return removed, true
	}
	for _, a := range r.enumAdded {
		if a[0] == e.Name && !slices.Contains(e.Values, a[1]) && !slices.Contains(removed, a[1]) {
			removed = append(removed, a[1])
		}
	}
	return removed, len(removed) > 0
}

// alterSequence reviews the change of an existing sequence's definition:
// bounds narrower than its current value make it fail.
func (r *reviewer) alterSequence(s *schema.Sequence) []Hazard {
	lo, hi := sequenceBounds(s)
	old, known := r.oldSequences[s.Name]
	if known {
		oldLo, oldHi := sequenceBounds(old)
		if lo <= oldLo && hi >= oldHi {
			return nil // as wide as before: every value it handed out still fits
		}
		return []Hazard{{Kind: HazardFailsOnData, Message: fmt.Sprintf(
			"narrows sequence %q from %d..%d to %d..%d: fails if its current value lies outside the new range",
			s.Name, oldLo, oldHi, lo, hi)}}
	}
	if s.MinValue == 0 && s.MaxValue == 0 && (s.Type.Kind == "" || s.Type.Kind == schema.KindBigInt) {
		return nil // the widest range there is
	}
	return []Hazard{{Kind: HazardFailsOnData, Message: fmt.Sprintf(
		"sets the range of sequence %q to %d..%d: fails if its current value lies outside it", s.Name, lo, hi)}}
}

// sequenceBounds is the range of values a sequence may hand out, its
// zero bounds read as PostgreSQL's defaults for its type and direction.
func sequenceBounds(s *schema.Sequence) (lo, hi int64) {
	top := int64(math.MaxInt64)
	switch s.Type.Kind {
	case schema.KindSmallInt:
		top = math.MaxInt16
	case schema.KindInteger:
		top = math.MaxInt32
	}
	lo, hi = 1, top
	if s.Increment < 0 {
		lo, hi = -top-1, -1
	}
	if s.MinValue != 0 {
		lo = s.MinValue
	}
	if s.MaxValue != 0 {
		hi = s.MaxValue
	}
	return lo, hi
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
