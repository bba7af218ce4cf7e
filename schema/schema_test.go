package schema

import (
	"errors"
	"strings"
	"testing"
)

func TestNameCutsLikeSQLAlchemy(t *testing.T) {
	// Names confirmed in Prefect's migrated PostgreSQL database.
	tests := []struct{ full, pg string }{
		{"ck_block_document_reference__ck_block_document_reference__no_self_reference", "ck_block_document_reference__ck_block_document_referenc_824f"},
		{"fk_block_schema_reference__reference_block_schema_id__block_schema", "fk_block_schema_reference__reference_block_schema_id__b_6e5d"},
		{"fk_block_document_reference__parent_block_document_id__block_document", "fk_block_document_reference__parent_block_document_id___328f"},
		{"fk_block_document_reference__reference_block_document_id__block_document", "fk_block_document_reference__reference_block_document_i_5759"},
		{"ix_flow__updated", "ix_flow__updated"},
	}
	for _, tt := range tests {
		if got := Name(Postgres, tt.full, true); got != tt.pg {
			t.Errorf("Name(Postgres, %q) = %q; want %q", tt.full, got, tt.pg)
		}
		if got := Name(SQLite, tt.full, true); got != tt.full {
			t.Errorf("Name(SQLite, %q) = %q; want it unchanged", tt.full, got)
		}
		if got := Name(Postgres, tt.full, false); got != tt.full {
			t.Errorf("an explicit name was cut: %q", got)
		}
	}
}

func TestResolveAppliesNamingConvention(t *testing.T) {
	s := &Schema{
		Naming: &PrefectNaming,
		Tables: []*Table{
			{Name: "block_document", Columns: []*Column{{Name: "id", Type: UUID, NotNull: true}}, PrimaryKey: &PrimaryKey{Columns: []string{"id"}}},
			{
				Name: "block_document_reference",
				Columns: []*Column{
					{Name: "id", Type: UUID, NotNull: true},
					{Name: "parent_block_document_id", Type: UUID, NotNull: true},
					{Name: "reference_block_document_id", Type: UUID, NotNull: true},
					{Name: "name", Type: String},
				},
				PrimaryKey:  &PrimaryKey{Columns: []string{"id"}},
				Checks:      []*Check{{Name: "ck_block_document_reference__no_self_reference", Expr: Expr("parent_block_document_id <> reference_block_document_id")}},
				ForeignKeys: []*ForeignKey{{Columns: []string{"parent_block_document_id"}, RefTable: "block_document", RefColumns: []string{"id"}, OnDelete: Cascade}},
				Uniques:     []*Unique{{Columns: []string{"parent_block_document_id", "name"}}},
				Indexes:     []*Index{{Keys: Cols("name")}, {Name: "explicit_name", Keys: Cols("id")}},
			},
		},
	}
	r, err := s.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	tbl := r.Table("block_document_reference")
	checks := []struct{ got, want string }{
		{tbl.PrimaryKey.On(Postgres), "pk_block_document_reference"},
		{tbl.Checks[0].On(Postgres), "ck_block_document_reference__ck_block_document_referenc_824f"},
		{tbl.Checks[0].On(SQLite), "ck_block_document_reference__ck_block_document_reference__no_self_reference"},
		{tbl.ForeignKeys[0].On(Postgres), "fk_block_document_reference__parent_block_document_id___328f"},
		{tbl.Uniques[0].On(SQLite), "uq_block_document_reference__parent_block_document_id_name"},
		{tbl.Indexes[0].Name, "ix_block_document_reference__name"},
		{tbl.Indexes[1].Name, "explicit_name"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got name %q; want %q", c.got, c.want)
		}
	}
	if s.Table("block_document_reference").Indexes[0].Name != "" {
		t.Error("Resolve changed its input")
	}
	// Resolving twice does not template names again.
	r2, err := r.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	if got := r2.Table("block_document_reference").Checks[0].Name; got != tbl.Checks[0].Name {
		t.Errorf("second Resolve renamed the check to %q", got)
	}
}

func TestValidateNamesTheObject(t *testing.T) {
	base := func() *Schema {
		return &Schema{
			Enums: []*Enum{{Name: "state", Values: []string{"A", "B"}}},
			Tables: []*Table{
				{Name: "parent", Columns: []*Column{{Name: "id", Type: Integer}, {Name: "code", Type: Text}}, PrimaryKey: &PrimaryKey{Columns: []string{"id"}}},
				{Name: "child", Columns: []*Column{{Name: "id", Type: Integer}, {Name: "parent_id", Type: Integer}, {Name: "state", Type: EnumType("state")}}},
			},
		}
	}
	if err := base().Validate(); err != nil {
		t.Fatalf("valid schema: %v", err)
	}
	tests := []struct {
		name   string
		change func(s *Schema)
		want   string
	}{
		{"sequence owned on SQLite only", func(s *Schema) {
			s.Tables[0].Only = []Dialect{SQLite}
			s.Sequences = []*Sequence{{Name: "code_seq", OwnerTable: "parent", OwnerColumn: "code"}}
		}, `sequence "code_seq" is owned by table "parent", which does not exist on PostgreSQL`},
		{"columns differing in case", func(s *Schema) {
			s.Tables[0].Columns = append(s.Tables[0].Columns, &Column{Name: "CODE", Type: Text})
		}, `table "parent": column "CODE" and column "code" differ only in case, which SQLite does not tell apart`},
		{"tables differing in case", func(s *Schema) {
			s.Tables = append(s.Tables, &Table{Name: "Parent", Columns: []*Column{{Name: "x", Type: Text}}})
		}, `table "Parent" and table "parent" differ only in case`},
		{"index collation on a number", func(s *Schema) {
			s.Tables[0].Indexes = append(s.Tables[0].Indexes, &Index{Name: "ix_id", Keys: []IndexKey{{Column: "id", Collation: Collate("C")}}})
		}, `table "parent": index "ix_id": collation "C" on column "id" of type integer, which PostgreSQL does not collate`},
		{"collation on a number", func(s *Schema) {
			s.Tables[0].Columns[0].Collation = Collate("C")
		}, `table "parent": column "id": collation "C" on a column of type integer, which PostgreSQL does not collate`},
		{"collation for an unknown dialect", func(s *Schema) {
			s.Tables[0].Columns[1].Collation = SQL{"mysql": "utf8mb4_bin"}
		}, `table "parent": column "code" collation: unknown dialect "mysql"`},
		{"duplicate table", func(s *Schema) {
			s.Tables = append(s.Tables, &Table{Name: "parent", Columns: []*Column{{Name: "x", Type: Text}}})
		}, `table "parent" is declared twice`},
		{"duplicate column", func(s *Schema) { s.Tables[0].Columns = append(s.Tables[0].Columns, &Column{Name: "id", Type: Text}) }, `table "parent": column "id" is declared twice`},
		{"index on missing column", func(s *Schema) {
			s.Tables[1].Indexes = []*Index{{Name: "ix", Keys: Cols("nope")}}
		}, `table "child": index "ix" refers to column "nope"`},
		{"fk to missing table", func(s *Schema) {
			s.Tables[1].ForeignKeys = []*ForeignKey{{Name: "fk", Columns: []string{"parent_id"}, RefTable: "ghost", RefColumns: []string{"id"}}}
		}, `references table "ghost"`},
		{"fk to missing column", func(s *Schema) {
			s.Tables[1].ForeignKeys = []*ForeignKey{{Name: "fk", Columns: []string{"parent_id"}, RefTable: "parent", RefColumns: []string{"nope"}}}
		}, `references column "nope" of table "parent"`},
		{"fk to non-unique", func(s *Schema) {
			s.Tables[1].ForeignKeys = []*ForeignKey{{Name: "fk", Columns: []string{"parent_id"}, RefTable: "parent", RefColumns: []string{"code"}}}
		}, `not a primary key or unique`},
		{"enum default outside values", func(s *Schema) { s.Tables[1].Columns[2].Default = StringDefault("C") }, `default "C" is not a value of enum "state"`},
		{"unknown enum", func(s *Schema) { s.Tables[1].Columns[2].Type = EnumType("ghost") }, `enum "ghost" is not declared`},
		{"name over the limit", func(s *Schema) {
			s.Tables[1].Indexes = []*Index{{Name: strings.Repeat("x", 64), Keys: Cols("id")}}
		}, `over PostgreSQL's limit of 63`},
		{"index without name", func(s *Schema) { s.Tables[1].Indexes = []*Index{{Keys: Cols("id")}} }, `has no name`},
		{"duplicate index name across tables", func(s *Schema) {
			s.Tables[0].Indexes = []*Index{{Name: "ix_same", Keys: Cols("id")}}
			s.Tables[1].Indexes = []*Index{{Name: "ix_same", Keys: Cols("id")}}
		}, `are both named "ix_same"`},
		{"NUL in comment", func(s *Schema) { s.Tables[0].Comment = "a\x00b" }, `NUL`},
		{"bad numeric", func(s *Schema) { s.Tables[0].Columns[1].Type = Numeric(2, 5) }, `numeric(2,5)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base()
			tt.change(s)
			err := s.Validate()
			if err == nil {
				t.Fatalf("Validate() = nil; want an error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate() = %q; want it to contain %q", err, tt.want)
			}
			var list Errors
			if !errors.As(err, &list) || len(list) == 0 {
				t.Errorf("error is not a schema.Errors list: %T", err)
			}
		})
	}
}

func TestTypeRoundTrip(t *testing.T) {
	types := []Type{Integer, BigInt, SmallInt, Text, String, Varchar(20), Char(3), Boolean, Float, Real,
		Numeric(10, 2), Numeric(0, 0), UUID, JSON, Timestamp, TimestampTZ, Date, Time, Bytes}
	for _, d := range Dialects {
		for _, want := range types {
			spelled, err := want.Render(d, nil)
			if err != nil {
				t.Fatalf("%s: Render(%v): %v", d, want, err)
			}
			if got := ParseType(d, spelled); !got.Equal(want) {
				t.Errorf("%s: ParseType(%q) = %+v; want %+v", d, spelled, got, want)
			}
		}
	}
	pgOnly := []Type{JSONText, Interval, ArrayOf(Integer)}
	for _, want := range pgOnly {
		spelled, _ := want.Render(Postgres, nil)
		if got := ParseType(Postgres, spelled); !got.Equal(want) {
			t.Errorf("postgresql: ParseType(%q) = %+v; want %+v", spelled, got, want)
		}
	}
}

func TestParseSQLiteTypeKeepsSpelling(t *testing.T) {
	tests := []struct {
		in   string
		want Type
	}{
		{"CHAR(36)", UUID},
		{"varchar(9)", Varchar(9)},
		{"NUMERIC(10,2)", Numeric(10, 2)},
		{"DATETIME", TimestampTZ},
		{"NVARCHAR(160)", NativeType(SQL{SQLite: "NVARCHAR(160)"})},
		{"INT", NativeType(SQL{SQLite: "INT"})},
		{"", NativeType(SQL{SQLite: ""})},
	}
	for _, tt := range tests {
		if got := ParseType(SQLite, tt.in); !got.Equal(tt.want) {
			t.Errorf("ParseType(SQLite, %q) = %+v; want %+v", tt.in, got, tt.want)
		}
	}
}

func TestNativeTypesMapAcrossDialects(t *testing.T) {
	tests := []struct {
		from Dialect
		in   string
		want string
	}{
		{SQLite, "NVARCHAR(160)", "character varying(160)"},
		{SQLite, "INT", "integer"},
		{SQLite, "DECIMAL(10,2)", "numeric(10,2)"},
		{Postgres, "timestamp(3) with time zone", "DATETIME"},
	}
	for _, tt := range tests {
		to := SQLite
		if tt.from == SQLite {
			to = Postgres
		}
		got, err := ParseType(tt.from, tt.in).Render(to, nil)
		if err != nil || got != tt.want {
			t.Errorf("%s %q on %s = %q, %v; want %q", tt.from, tt.in, to, got, err, tt.want)
		}
	}
	_, err := ParseType(Postgres, "tsvector").Render(SQLite, nil)
	if err == nil || !strings.Contains(err.Error(), "tsvector") {
		t.Errorf("tsvector on SQLite: err = %v; want an error naming the type", err)
	}
}

func TestEnumOnSQLiteIsSizedVarchar(t *testing.T) {
	s := &Schema{Enums: []*Enum{{Name: "state_type", Values: []string{"SCHEDULED", "CANCELLING"}}}}
	got, err := EnumType("state_type").Render(SQLite, s.Lookup())
	if err != nil || got != "VARCHAR(10)" {
		t.Errorf("enum on SQLite = %q, %v; want VARCHAR(10)", got, err)
	}
	got, _ = EnumType("state_type").Render(Postgres, nil)
	if got != `"state_type"` {
		t.Errorf("enum on PostgreSQL = %q", got)
	}
}

func TestParseDefault(t *testing.T) {
	tests := []struct {
		d    Dialect
		text string
		typ  Type
		want Default
	}{
		{Postgres, "now()", TimestampTZ, Now},
		{Postgres, "CURRENT_TIMESTAMP", TimestampTZ, Now},
		{SQLite, "CURRENT_TIMESTAMP", TimestampTZ, Now},
		{Postgres, "gen_random_uuid()", UUID, GenerateUUID},
		{SQLite, "(" + SQLiteGenerateUUID + ")", UUID, GenerateUUID},
		{Postgres, "true", Boolean, True},
		{SQLite, "'0'", Boolean, False},
		{SQLite, "1", Boolean, True},
		{Postgres, "'{}'::jsonb", JSON, StringDefault("{}")},
		{Postgres, "'NOT_READY'::deployment_status", EnumType("deployment_status"), StringDefault("NOT_READY")},
		{Postgres, "'it''s'::character varying", Varchar(20), StringDefault("it's")},
		{Postgres, "'-1'::integer", Integer, NumberDefault("-1")},
		{Postgres, "0", Integer, NumberDefault("0")},
		{Postgres, "'00:00:00'::interval", Interval, StringDefault("00:00:00")},
		{Postgres, "NULL::character varying", String, Default{}},
		{SQLite, "NULL", Text, Default{}},
		{SQLite, "(strftime('%Y-%m-%d %H:%M:%f000', 'now'))", TimestampTZ, ExprDefault(SQL{SQLite: "strftime('%Y-%m-%d %H:%M:%f000', 'now')"})},
		{Postgres, "nextval('t_id_seq'::regclass)", Integer, NextVal("t_id_seq")},
		{Postgres, "'x'::text", Varchar(20), StringDefault("x")},
		{Postgres, "'x'::character varying", Text, StringDefault("x")},
		{Postgres, `nextval('"Odd ""seq"""'::regclass)`, Integer, NextVal(`Odd "seq"`)},
		{Postgres, "nextval('other.t_id_seq'::regclass)", Integer, ExprDefault(SQL{Postgres: "nextval('other.t_id_seq'::regclass)"})},
		{Postgres, "'5'::text", Integer, ExprDefault(SQL{Postgres: "'5'::text"})},
	}
	for _, tt := range tests {
		if got := ParseDefault(tt.d, tt.text, tt.typ); !got.Equal(tt.want) {
			t.Errorf("ParseDefault(%s, %q) = %+v; want %+v", tt.d, tt.text, got, tt.want)
		}
	}
}

func TestDefaultRender(t *testing.T) {
	tests := []struct {
		def  Default
		d    Dialect
		want string
	}{
		{Now, Postgres, "now()"},
		{Now, SQLite, "CURRENT_TIMESTAMP"},
		{True, SQLite, "1"},
		{False, Postgres, "false"},
		{StringDefault("it's"), Postgres, "'it''s'"},
		{Now.On(SQLite, "strftime('%Y', 'now')"), SQLite, "strftime('%Y', 'now')"},
		{Now.On(SQLite, "strftime('%Y', 'now')"), Postgres, "now()"},
	}
	for _, tt := range tests {
		if got, err := tt.def.Render(tt.d); err != nil || got != tt.want {
			t.Errorf("%+v on %s = %q, %v; want %q", tt.def, tt.d, got, err, tt.want)
		}
	}
	if _, err := ExprDefault(SQL{Postgres: "nextval('s')"}).Render(SQLite); err == nil {
		t.Error("a PostgreSQL-only expression rendered on SQLite without error")
	}
}

func FuzzParseType(f *testing.F) {
	for _, s := range []string{"integer", "character varying(20)", "numeric(10,2)", "integer[]", "CHAR(36)", "NVARCHAR(160)", "NUMERIC( 10 , 2 )", "varchar(", "x(1,2,3)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spelling string) {
		for _, d := range Dialects {
			typ := ParseType(d, spelling)
			// Whatever was parsed is declared again as a type that parses
			// to the same value: the round trip is exact.
			again, err := typ.Render(d, nil)
			if err != nil {
				t.Fatalf("%s: ParseType(%q) = %+v, which does not render: %v", d, spelling, typ, err)
			}
			if back := ParseType(d, again); !back.Equal(typ) {
				t.Fatalf("%s: %q → %+v → %q → %+v", d, spelling, typ, again, back)
			}
		}
	})
}

func FuzzParseDefault(f *testing.F) {
	for _, s := range []string{"now()", "'a''b'::text", "(1)", "'-1'::integer", "((x))", "'", "::", "(strftime('%Y', 'now'))"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, d := range Dialects {
			for _, typ := range []Type{Text, Integer, Boolean, TimestampTZ} {
				def := ParseDefault(d, text, typ)
				if def.IsZero() {
					continue
				}
				if _, err := def.Render(d); err != nil {
					t.Fatalf("%s: ParseDefault(%q) = %+v, which does not render: %v", d, text, def, err)
				}
			}
		}
	})
}

// FuzzValidate gives Resolve a table, a column, an index and a foreign key
// named by fuzzed text: it never panics, and a schema it accepts keeps the
// names as given (generated names aside) and validates again unchanged.
func FuzzValidate(f *testing.F) {
	for _, s := range []string{"flow", "", "x\x00y", `we"ird`, strings.Repeat("n", 64), "Flow", "sqlite_x", "ünï"} {
		f.Add(s, s+"_id")
	}
	f.Fuzz(func(t *testing.T, table, column string) {
		s := &Schema{Naming: &PrefectNaming, Tables: []*Table{
			{Name: "parent", Columns: []*Column{{Name: "id", Type: Integer, NotNull: true}}, PrimaryKey: &PrimaryKey{Columns: []string{"id"}}},
			{
				Name:        table,
				Columns:     []*Column{{Name: column, Type: Integer}},
				Indexes:     []*Index{{Keys: Cols(column)}},
				ForeignKeys: []*ForeignKey{{Columns: []string{column}, RefTable: "parent", RefColumns: []string{"id"}}},
			},
		}}
		r, err := s.Resolve()
		if err != nil {
			return
		}
		if got := r.Table(table); got == nil || got.Column(column) == nil {
			t.Fatalf("resolved schema lost table %q or column %q", table, column)
		}
		if _, err := r.Resolve(); err != nil {
			t.Fatalf("a resolved schema does not resolve again: %v", err)
		}
	})
}
