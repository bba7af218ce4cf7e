package migrations

import "github.com/autogen-dev/autogen/schema"

// Operations on the schema objects around tables (sequences, domains, the
// rebuild of an enum) and on primary keys.

type (
	// CreateSequence creates a sequence (PostgreSQL; nothing on SQLite).
	// When the sequence has an owner, the owning table must exist: autogen
	// creates a new table's sequence before the table and sets the owner
	// afterwards with AlterSequence.
	CreateSequence struct{ Sequence *schema.Sequence }
	// AlterSequence gives an existing sequence the definition Sequence
	// (every parameter and the owner; zero values mean the defaults, no
	// owner means OWNED BY NONE). PostgreSQL; nothing on SQLite.
	AlterSequence struct{ Sequence *schema.Sequence }
	// DropSequence drops a sequence if it exists (dropping its owning
	// table may have dropped it already). PostgreSQL; nothing on SQLite.
	DropSequence struct{ Name string }

	// CreateDomain creates a domain (PostgreSQL; nothing on SQLite).
	CreateDomain struct{ Domain *schema.Domain }
	// DropDomain drops a domain (PostgreSQL; nothing on SQLite).
	DropDomain struct{ Name string }
	// AlterDomain changes one aspect of a domain: its NOT NULL, its
	// default (a zero Default drops it), or one CHECK constraint added or
	// dropped by name. PostgreSQL; nothing on SQLite.
	AlterDomain struct {
		Name      string
		NotNull   *bool
		Default   *schema.Default
		AddCheck  *schema.Check
		DropCheck string
	}

	// RebuildEnum gives an enum a new list of values when values are
	// removed or reordered, which ALTER TYPE cannot do: the old type is
	// renamed, the new one created, every listed column converted through
	// text (its default dropped first and set again after), and the old
	// type dropped. Rows holding a removed value make it fail. PostgreSQL;
	// nothing on SQLite, where enum columns are VARCHARs.
	RebuildEnum struct {
		Enum    *schema.Enum
		Columns []EnumColumn
	}

	// AddPrimaryKey adds a primary key to a table that has none. On
	// SQLite the table is rebuilt.
	AddPrimaryKey struct {
		Table      string
		PrimaryKey *schema.PrimaryKey
	}
	// DropPrimaryKey drops a table's primary key by its name on this
	// dialect. On SQLite the table is rebuilt (the name may be empty there).
	DropPrimaryKey struct{ Table, Name string }
)

// EnumColumn is a column of an enum's type (or an array of it) that
// RebuildEnum converts, with the default it has afterwards (nil: none).
type EnumColumn struct {
	Table, Column string
	Array         bool
	Default       *schema.Default
}

// TableName implements Operation.
func (o CreateSequence) TableName() string { return "" }

// TableName implements Operation.
func (o AlterSequence) TableName() string { return "" }

// TableName implements Operation.
func (o DropSequence) TableName() string { return "" }

// TableName implements Operation.
func (o CreateDomain) TableName() string { return "" }

// TableName implements Operation.
func (o DropDomain) TableName() string { return "" }

// TableName implements Operation.
func (o AlterDomain) TableName() string { return "" }

// TableName implements Operation.
func (o RebuildEnum) TableName() string { return "" }

// TableName implements Operation.
func (o AddPrimaryKey) TableName() string { return o.Table }

// TableName implements Operation.
func (o DropPrimaryKey) TableName() string { return o.Table }

// CreateSequence creates a sequence (see the CreateSequence operation).
func (op *Op) CreateSequence(s *schema.Sequence) { op.Add(CreateSequence{Sequence: s}) }

// AlterSequence gives a sequence the definition s.
func (op *Op) AlterSequence(s *schema.Sequence) { op.Add(AlterSequence{Sequence: s}) }

// DropSequence drops a sequence if it exists.
func (op *Op) DropSequence(name string) { op.Add(DropSequence{Name: name}) }

// CreateDomain creates a domain.
func (op *Op) CreateDomain(d *schema.Domain) { op.Add(CreateDomain{Domain: d}) }

// DropDomain drops a domain.
func (op *Op) DropDomain(name string) { op.Add(DropDomain{Name: name}) }

// SetDomainNotNull makes a domain NOT NULL, or nullable.
func (op *Op) SetDomainNotNull(name string, notNull bool) {
	op.Add(AlterDomain{Name: name, NotNull: &notNull})
}

// SetDomainDefault sets a domain's default; a zero Default drops it.
func (op *Op) SetDomainDefault(name string, d schema.Default) {
	op.Add(AlterDomain{Name: name, Default: &d})
}

// AddDomainCheck adds a CHECK constraint to a domain.
func (op *Op) AddDomainCheck(name string, c *schema.Check) {
	op.Add(AlterDomain{Name: name, AddCheck: c})
}

// DropDomainCheck drops a domain's CHECK constraint by name.
func (op *Op) DropDomainCheck(name, check string) {
	op.Add(AlterDomain{Name: name, DropCheck: check})
}

// RebuildEnum gives enum e its new values, converting the listed columns.
func (op *Op) RebuildEnum(e *schema.Enum, columns ...EnumColumn) {
	op.Add(RebuildEnum{Enum: e, Columns: columns})
}

// AddPrimaryKey adds a primary key to table.
func (op *Op) AddPrimaryKey(table string, pk *schema.PrimaryKey) {
	op.Add(AddPrimaryKey{Table: table, PrimaryKey: pk})
}

// DropPrimaryKey drops table's primary key by name.
func (op *Op) DropPrimaryKey(table, name string) { op.Add(DropPrimaryKey{Table: table, Name: name}) }

// AddPrimaryKey adds a primary key.
func (b *BatchOp) AddPrimaryKey(pk *schema.PrimaryKey) {
	b.ops = append(b.ops, AddPrimaryKey{Table: b.table, PrimaryKey: pk})
}

// DropPrimaryKey drops the primary key by name.
func (b *BatchOp) DropPrimaryKey(name string) {
	b.ops = append(b.ops, DropPrimaryKey{Table: b.table, Name: name})
}
