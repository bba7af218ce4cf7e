package schemagen

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/schema"
)

func TestRealisticShape(t *testing.T) {
	s := Generate(Config{Tables: 1000, Seed: 1})
	r, err := s.Resolve()
	if err != nil {
		t.Fatalf("the generated schema does not resolve:\n%v", err)
	}
	var cols, idx, fks, enumCols, checks int
	for _, tb := range r.Tables {
		if len(tb.Columns) < 8 || len(tb.Columns) > 12 {
			t.Errorf("table %s has %d columns, want 8–12", tb.Name, len(tb.Columns))
		}
		cols += len(tb.Columns)
		idx += len(tb.Indexes)
		fks += len(tb.ForeignKeys)
		checks += len(tb.Checks)
		for _, c := range tb.Columns {
			if c.Type.Kind == schema.KindEnum {
				enumCols++
			}
		}
		if tb.PrimaryKey == nil || tb.Column("id").Default.Kind != schema.DefaultUUID {
			t.Errorf("table %s: want a UUID key with a server default", tb.Name)
		}
	}
	// About 10,000 columns, 3,200 indexes, 1,500 foreign keys.
	within := func(what string, got, want int) {
		if got < want*9/10 || got > want*11/10 {
			t.Errorf("%d %s, want about %d", got, what, want)
		}
	}
	within("columns", cols, 10000)
	within("indexes", idx, 3200)
	within("foreign keys", fks, 1500)
	if enumCols == 0 || checks == 0 {
		t.Errorf("%d enum columns and %d checks, want some of each", enumCols, checks)
	}
	t.Log(Describe(r))
}

func TestDeterministic(t *testing.T) {
	for _, full := range []bool{false, true} {
		a := Generate(Config{Tables: 50, Seed: 7, Full: full})
		b := Generate(Config{Tables: 50, Seed: 7, Full: full})
		if d := cmp.Diff(a, b); d != "" {
			t.Fatalf("full=%v: same seed, different schemas:\n%s", full, d)
		}
		ma, _ := Mutate(a, MutateConfig{Changes: 30, Seed: 3, Full: full})
		mb, _ := Mutate(b, MutateConfig{Changes: 30, Seed: 3, Full: full})
		if d := cmp.Diff(ma, mb); d != "" {
			t.Fatalf("full=%v: same seed, different mutations:\n%s", full, d)
		}
		if d := cmp.Diff(a, b); d != "" {
			t.Fatalf("Mutate changed its input")
		}
	}
}

// TestGeneratedSchemasResolve runs many seeds of both kinds, and their
// mutations, through the model's validation.
func TestGeneratedSchemasResolve(t *testing.T) {
	kinds := map[Change]int{}
	for seed := uint64(0); seed < 300; seed++ {
		full := seed%2 == 0
		s := Generate(Config{Tables: 1 + int(seed%7), Seed: seed, Full: full})
		if _, err := s.Resolve(); err != nil {
			t.Fatalf("seed %d full=%v: generated schema is invalid:\n%v", seed, full, err)
		}
		m, made := Mutate(s, MutateConfig{Changes: 1 + int(seed%25), Seed: seed, Full: full})
		if _, err := m.Resolve(); err != nil {
			t.Fatalf("seed %d full=%v: mutation %v is invalid:\n%v", seed, full, made, err)
		}
		for _, k := range made {
			kinds[k]++
		}
	}
	for _, k := range Changes {
		if kinds[k] == 0 {
			t.Errorf("no mutation of kind %s was made", k)
		}
	}
}

// TestFullCoversEveryConstruct checks that Full schemas, over a few hundred
// seeds, use every construct of the model the property test must cover.
func TestFullCoversEveryConstruct(t *testing.T) {
	seen := map[string]int{}
	for seed := uint64(0); seed < 300; seed++ {
		s := Generate(Config{Tables: 1 + int(seed%5), Seed: seed, Full: true})
		r, err := s.Resolve()
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Enums) > 0 {
			seen["enum"]++
		}
		for _, tb := range r.Tables {
			if len(tb.Only) > 0 {
				seen["dialect-only table "+string(tb.Only[0])]++
			}
			if tb.Comment != "" {
				seen["table comment"]++
			}
			if len(tb.PrimaryKey.Columns) > 1 {
				seen["composite primary key"]++
			}
			if len(tb.Uniques) > 0 {
				seen["unique constraint"]++
			}
			if len(tb.Checks) > 0 {
				seen["check"]++
			}
			for _, c := range tb.Columns {
				seen["type "+string(c.Type.Kind)]++
				if c.NotNull {
					seen["not null"]++
				}
				if c.Default.Kind != "" {
					seen["default "+string(c.Default.Kind)]++
				}
				if len(c.Default.SQL) > 1 || c.Default.Kind != schema.DefaultExpr && len(c.Default.SQL) > 0 {
					seen["per-dialect default"]++
				}
				if c.Comment != "" {
					seen["column comment"]++
				}
				if c.Collation != nil {
					seen["column collation"]++
				}
				if c.Identity != "" {
					seen["identity"]++
				}
			}
			for _, fk := range tb.ForeignKeys {
				seen["on delete "+string(fk.OnDelete)]++
				seen["on update "+string(fk.OnUpdate)]++
				if fk.Deferrable {
					seen["deferrable"]++
				}
				if ref := r.Table(fk.RefTable); ref != nil && ref.Name >= tb.Name {
					seen["forward reference (cycle)"]++
				}
			}
			for _, x := range tb.Indexes {
				if x.Unique {
					seen["unique index"]++
				}
				if len(x.Keys) > 1 {
					seen["composite index"]++
				}
				if !x.Where.IsZero() {
					seen["partial index"]++
				}
				if x.HasExpr() {
					seen["expression index"]++
				}
				if len(x.Include) > 0 {
					seen["include"]++
				}
				if x.Method == "gin" {
					seen["gin"]++
				}
				if x.NullsNotDistinct {
					seen["nulls not distinct"]++
				}
				if len(x.Only) > 0 {
					seen["dialect-only index"]++
				}
				for _, k := range x.Keys {
					if k.Desc {
						seen["desc key"]++
					}
					if k.Opclass != "" {
						seen["opclass"]++
					}
					if k.Collation != nil {
						seen["key collation"]++
					}
					if k.Nulls != "" {
						seen["nulls first/last"]++
					}
				}
			}
		}
	}
	want := []string{
		"enum", "dialect-only table postgresql", "dialect-only table sqlite", "table comment", "composite primary key",
		"unique constraint", "check", "not null", "column comment", "column collation", "identity", "per-dialect default",
		"type integer", "type bigint", "type smallint", "type text", "type varchar", "type char", "type boolean",
		"type float", "type real", "type numeric", "type uuid", "type json", "type json_text", "type timestamp",
		"type timestamptz", "type date", "type time", "type interval", "type bytes", "type enum", "type array", "type native",
		"default string", "default number", "default bool", "default now", "default uuid", "default expr",
		"on delete ", "on delete CASCADE", "on delete SET NULL", "on delete RESTRICT", "on delete SET DEFAULT",
		"on update CASCADE", "deferrable", "forward reference (cycle)",
		"unique index", "composite index", "partial index", "expression index", "include", "gin", "nulls not distinct",
		"dialect-only index", "desc key", "opclass", "key collation", "nulls first/last",
	}
	for _, w := range want {
		if seen[w] == 0 {
			t.Errorf("no generated schema has %s", w)
		}
	}
}
