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
