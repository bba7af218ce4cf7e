package schemagen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
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

// TestFullCoversEveryConstruct checks that Full schemas and their
// mutations, over a few hundred seeds, use every construct of package
// schema, found in the package itself rather than listed here: every
// exported field of every type a Schema holds (a new field fails the test
// until the generator sets it), each dialect key ("" for every dialect,
// postgresql, sqlite) of every per-dialect text, and every value of the
// model's enumerations (type kinds, default kinds, referential actions,
// identities, dialects), read from the constants the package declares.
// What a model does not use is left out: Unmanaged, which reflection fills.
func TestFullCoversEveryConstruct(t *testing.T) {
	seen := map[string]int{}
	for seed := uint64(0); seed < 300; seed++ {
		a := Generate(Config{Tables: 1 + int(seed%5), Seed: seed, Full: true})
		b, _ := Mutate(a, MutateConfig{Changes: 1 + int(seed%9), Seed: seed ^ 0xabcdef, Full: true})
		for _, s := range []*schema.Schema{a, b} {
			r, err := s.Resolve()
			if err != nil {
				t.Fatalf("seed %d: %v", seed, err)
			}
			walkConstructs(seen, reflect.ValueOf(r), "")
		}
	}
	want := wantedConstructs(t)
	for _, w := range want {
		if seen[w] == 0 {
			t.Errorf("no generated schema has %s", w)
		}
	}
	t.Logf("%d constructs, each in %d to %d schemas", len(want), minCount(seen, want), maxCount(seen, want))
}

// modelOnly lists what a model leaves empty: reflection's list of the
// objects autogen does not manage.
var modelOnly = map[string]bool{"Schema.Unmanaged": true}

// enumerations are the schema types whose values are constants of the
// package (plus the untyped Identity* constants of Column.Identity).
var enumerations = map[string]bool{"TypeKind": true, "DefaultKind": true, "Action": true, "Dialect": true}

// walkConstructs records in seen what v uses: "Type.Field" for each
// non-zero field, "Type.Field[key]" for each dialect key of per-dialect
// text, "Kind=value" for each enumeration value, "Column.Identity=value".
func walkConstructs(seen map[string]int, v reflect.Value, field string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			walkConstructs(seen, v.Elem(), field)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkConstructs(seen, v.Index(i), field)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			seen[field+"["+dialectKey(k.String())+"]"]++
		}
	case reflect.String:
		switch name := v.Type().Name(); {
		case enumerations[name]:
			seen[name+"="+v.String()]++
		case field == "Column.Identity" && v.String() != "":
			seen[field+"="+v.String()]++
		}
	case reflect.Struct:
		typ := v.Type()
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() || modelOnly[typ.Name()+"."+f.Name] {
				continue
			}
			name := typ.Name() + "." + f.Name
			if !v.Field(i).IsZero() {
				seen[name]++
			}
			walkConstructs(seen, v.Field(i), name)
		}
	}
}

func dialectKey(k string) string {
	if k == "" {
		return "any"
	}
	return k
}

// wantedConstructs lists every construct of package schema (see
// TestFullCoversEveryConstruct).
func wantedConstructs(t *testing.T) []string {
	var want []string
	done := map[reflect.Type]bool{}
	var fields func(typ reflect.Type)
	fields = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || done[typ] {
			return
		}
		done[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			name := typ.Name() + "." + f.Name
			if !f.IsExported() || modelOnly[name] {
				continue
			}
			want = append(want, name)
			if f.Type == reflect.TypeFor[schema.SQL]() {
				for _, k := range []string{"any", string(schema.Postgres), string(schema.SQLite)} {
					want = append(want, name+"["+k+"]")
				}
			}
			fields(f.Type)
		}
	}
	fields(reflect.TypeFor[schema.Schema]())
	return append(want, schemaConstants(t)...)
}

// schemaConstants reads package schema's source for the values of its
// enumerations: "TypeKind=integer", …, "Column.Identity=always", ….
func schemaConstants(t *testing.T) []string {
	pkgs, err := parser.ParseDir(token.NewFileSet(), filepath.Join("..", "..", "schema"), func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range pkgs["schema"].Files {
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				typ := ""
				if id, ok := vs.Type.(*ast.Ident); ok {
					typ = id.Name
				}
				for i, name := range vs.Names {
					if i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					v, _ := strconv.Unquote(lit.Value)
					switch {
					case enumerations[typ]:
						out = append(out, typ+"="+v)
					case typ == "" && strings.HasPrefix(name.Name, "Identity"):
						out = append(out, "Column.Identity="+v)
					}
				}
			}
		}
	}
	if len(out) < 30 {
		t.Fatalf("found only %d constants in package schema: %v", len(out), out)
	}
	return out
}

func minCount(seen map[string]int, keys []string) int {
	n := -1
	for _, k := range keys {
		if n < 0 || seen[k] < n {
			n = seen[k]
		}
	}
	return n
}

func maxCount(seen map[string]int, keys []string) int {
	n := 0
	for _, k := range keys {
		n = max(n, seen[k])
	}
	return n
}
