package reflect

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseCreateTable(t *testing.T) {
	tests := []struct {
		name, src string
		want      *ddlTable
	}{
		{
			name: "quoting styles and comments",
			src: "CREATE TABLE IF NOT EXISTS main.\"my \"\"t\"\"\" (\n" +
				"  [a b] INTEGER, -- trailing, comment (\n" +
				"  `c` TEXT /* ) */ COLLATE \"NoCase\",\n" +
				"  'd' VARCHAR ( 10 , 2 ) NOT NULL\n" +
				")",
			want: &ddlTable{
				Name:    `my "t"`,
				Columns: []ddlColumn{{Name: "a b"}, {Name: "c", Collation: "NoCase"}, {Name: "d"}},
			},
		},
		{
			name: "column constraints become table-level objects",
			src: `CREATE TABLE t (
				id INTEGER CONSTRAINT pk PRIMARY KEY DESC ON CONFLICT ABORT AUTOINCREMENT,
				u TEXT UNIQUE ON CONFLICT IGNORE CHECK (u <> 'a,b)'),
				r INT CONSTRAINT fk_r REFERENCES other (id) ON DELETE SET NULL ON UPDATE NO ACTION MATCH FULL NOT DEFERRABLE INITIALLY DEFERRED NOT NULL,
				s INT REFERENCES "other" DEFERRABLE INITIALLY DEFERRED,
				d TEXT DEFAULT 'x' DEFAULT -1 DEFAULT +1.5e-3 DEFAULT x'00' DEFAULT (1 + (2)) DEFAULT CURRENT_TIMESTAMP,
				g INT GENERATED ALWAYS AS (id * 2) STORED,
				h INT AS (id) VIRTUAL
			) WITHOUT ROWID, STRICT`,
			want: &ddlTable{
				Name: "t",
				Columns: []ddlColumn{
					{Name: "id", Autoincrement: true}, {Name: "u"}, {Name: "r"}, {Name: "s"}, {Name: "d"}, {Name: "g"}, {Name: "h"},
				},
				PrimaryKey: &ddlKey{Name: "pk", Columns: []string{"id"}},
				Uniques:    []ddlKey{{Columns: []string{"u"}}},
				Checks:     []ddlCheck{{Expr: "u <> 'a,b)'"}},
				ForeignKeys: []ddlForeignKey{
					{Name: "fk_r", Columns: []string{"r"}, RefTable: "other", RefColumns: []string{"id"}, OnDelete: "SET NULL", OnUpdate: "NO ACTION"},
					{Columns: []string{"s"}, RefTable: "other", Deferrable: true, InitiallyDeferred: true},
				},
			},
		},
		{
			name: "table constraints, with and without commas",
			src: `CREATE TABLE t (a, b, c,
				CONSTRAINT pk_t PRIMARY KEY (a COLLATE NOCASE DESC, "b")
				UNIQUE (b, c) ON CONFLICT REPLACE,
				CONSTRAINT ck CHECK ( ( a > 0 ) ),
				CHECK(b)
				CONSTRAINT fk FOREIGN KEY (b, c) REFERENCES p ([x], ` + "`y`" + `) ON DELETE CASCADE DEFERRABLE)`,
			want: &ddlTable{
				Name:       "t",
				Columns:    []ddlColumn{{Name: "a"}, {Name: "b"}, {Name: "c"}},
				PrimaryKey: &ddlKey{Name: "pk_t", Columns: []string{"a", "b"}},
				Uniques:    []ddlKey{{Name: "pk_t", Columns: []string{"b", "c"}}}, // no comma: the name reaches it
				Checks:     []ddlCheck{{Name: "ck", Expr: "( a > 0 )"}, {Expr: "b"}},
				ForeignKeys: []ddlForeignKey{{
					Name: "fk", Columns: []string{"b", "c"}, RefTable: "p", RefColumns: []string{"x", "y"},
					OnDelete: "CASCADE", Deferrable: true,
				}},
			},
		},
		{
			name: "constraint names reach as far as SQLite lets them",
			src: `CREATE TABLE t (
				a CONSTRAINT n1 NOT NULL CHECK (a > 0) CONSTRAINT n2 UNIQUE NOT DEFERRABLE,
				b CHECK (b > 0) CONSTRAINT dangling,
				c CONSTRAINT n3 NOT NULL,
				CHECK (c > 0) CHECK (c < 9),
				CONSTRAINT n4, CHECK (c <> 5),
				CONSTRAINT n5 CONSTRAINT n6 CHECK (c <> 6) FOREIGN KEY (c) REFERENCES p ON INSERT CASCADE DEFERRABLE INITIALLY IMMEDIATE
			)`,
			want: &ddlTable{
				Name:    "t",
				Columns: []ddlColumn{{Name: "a"}, {Name: "b"}, {Name: "c"}},
				Uniques: []ddlKey{{Name: "n2", Columns: []string{"a"}}},
				Checks: []ddlCheck{
					{Name: "n1", Expr: "a > 0"}, {Expr: "b > 0"}, {Name: "n3", Expr: "c > 0"}, {Name: "n3", Expr: "c < 9"},
					{Expr: "c <> 5"}, {Name: "n6", Expr: "c <> 6"},
				},
				ForeignKeys: []ddlForeignKey{{Name: "n6", Columns: []string{"c"}, RefTable: "p", Deferrable: true}},
			},
		},
		{
			name: "create table as select",
			src:  "CREATE TABLE c AS SELECT * FROM t",
			want: &ddlTable{Name: "c"},
		},
		{
			name: "type names of several words and keywords as column names",
			src:  `CREATE TABLE "t" (key UNSIGNED BIG INT, "primary" DOUBLE PRECISION, action VARYING CHARACTER(255) NULL)`,
			want: &ddlTable{Name: "t", Columns: []ddlColumn{{Name: "key"}, {Name: "primary"}, {Name: "action"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCreateTable(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseCreateIndex(t *testing.T) {
	tests := []struct {
		name, src string
		want      *ddlIndex
	}{
		{
			name: "columns, order and collation",
			src:  `CREATE UNIQUE INDEX IF NOT EXISTS "main"."ix" ON "t" ([a] DESC, "b" COLLATE "NOCASE" ASC, c COLLATE rtrim)`,
			want: &ddlIndex{Name: "ix", Table: "t", Unique: true, Keys: []ddlIndexKey{
				{Expr: "[a]", Column: "a", Desc: true},
				{Expr: `"b"`, Column: "b", Collation: "NOCASE"},
				{Expr: "c", Column: "c", Collation: "rtrim"},
			}},
		},
		{
			name: "expressions and a partial predicate",
			src: "CREATE INDEX ix ON t (lower(name) COLLATE BINARY DESC, a + b COLLATE NOCASE, (a || ',)'), json_extract(j, '$.id'))\n" +
				"  WHERE a > 0 -- comment\n AND b = 'x'  ",
			want: &ddlIndex{Name: "ix", Table: "t", Keys: []ddlIndexKey{
				{Expr: "lower(name)", Collation: "BINARY", Desc: true},
				{Expr: "a + b COLLATE NOCASE"},
				{Expr: "(a || ',)')"},
				{Expr: "json_extract(j, '$.id')"},
			}, Where: "a > 0 -- comment\n AND b = 'x'"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCreateIndex(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, src := range []string{
		"", "CREATE", "CREATE TABLE", "CREATE TABLE t", "CREATE TABLE t (", "CREATE TABLE t (a 'unterminated)",
		"CREATE TABLE t (a, PRIMARY KEY)", "CREATE TABLE t (a INT CHECK)", "CREATE TABLE t (a [x)",
		"CREATE TABLE t (a) FOREIGN", "CREATE VIEW v AS SELECT 1", "CREATE TABLE t (a REFERENCES p ON DROP CASCADE)",
		"CREATE TABLE t (a, , b)", "CREATE TABLE t (a INT DEFAULT)",
	} {
		if _, err := parseCreateTable(src); err == nil {
			t.Errorf("parseCreateTable(%q) succeeded", src)
		}
	}
	for _, src := range []string{
		"", "CREATE INDEX", "CREATE INDEX i ON t", "CREATE INDEX i ON t ()", "CREATE INDEX i ON t (a,)",
		"CREATE INDEX i ON t (a) WHERE", "CREATE INDEX i ON t (a) junk", "CREATE INDEX i ON t (a COLLATE 1)",
		`CREATE INDEX i ON t ("a)`,
	} {
		if _, err := parseCreateIndex(src); err == nil {
			t.Errorf("parseCreateIndex(%q) succeeded", src)
		}
	}
}

func TestStripOuterParens(t *testing.T) {
	for in, want := range map[string]string{
		"  (a > 0)  ":            "a > 0",
		"((a > 0))":              "(a > 0)",
		"(a > 0) AND (b > 0)":    "(a > 0) AND (b > 0)",
		"f(x)":                   "f(x)",
		"(')')":                  "')'",
		"('(' || a)":             "'(' || a",
		"(a /* ) */)":            "a /* ) */",
		"(unterminated":          "(unterminated",
		"":                       "",
		`("x)" + 1)`:             `"x)" + 1`,
		"((a) OR (b))":           "(a) OR (b)",
		"(a) OR (b)":             "(a) OR (b)",
		"(price > 0::numeric)":   "price > 0::numeric",
		"((0)::numeric < price)": "(0)::numeric < price",
	} {
		if got := stripOuterParens(in); got != want {
			t.Errorf("stripOuterParens(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPgCheckExpr(t *testing.T) {
	for in, want := range map[string]string{
		"CHECK ((a > 0))":                     "a > 0",
		"CHECK (((a > 0) AND (b < 1)))":       "(a > 0) AND (b < 1)",
		"CHECK (f(a))":                        "f(a)",
		"CHECK ((a > 0)) NOT VALID":           "a > 0",
		"CHECK ((a <> ')'::text)) NO INHERIT": "a <> ')'::text",
	} {
		if got := pgCheckExpr(in); got != want {
			t.Errorf("pgCheckExpr(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPgExplicitCollations(t *testing.T) {
	got := pgExplicitCollations(`CREATE INDEX ix ON public.t USING btree (lower(a) COLLATE "C" DESC, lower((b COLLATE "C")), c text_pattern_ops)`)
	if want := []bool{true, false, false}; !cmp.Equal(want, got) {
		t.Errorf("pgExplicitCollations = %v, want %v", got, want)
	}
}

// seedStatements returns the CREATE TABLE and CREATE INDEX statements of the
// SQLite fixtures as sqlite_schema holds them, and of sqliteFeatures.
func seedStatements(f *testing.F) []string {
	f.Helper()
	scripts := []string{sqliteFeatures}
	if dir, ok := findFixtures(); ok {
		files, _ := filepath.Glob(filepath.Join(dir, "*", "sqlite*.sql"))
		for _, file := range files {
			if strings.Contains(file, "with-data") {
				continue
			}
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			scripts = append(scripts, string(b))
		}
	}
	var out []string
	for _, script := range scripts {
		db, err := sql.Open("sqlite", ":memory:")
		if err != nil {
			f.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		if _, err := db.Exec(script); err != nil {
			f.Fatal(err)
		}
		rows, err := db.Query(`SELECT sql FROM sqlite_schema WHERE type IN ('table', 'index') AND sql IS NOT NULL`)
		if err != nil {
			f.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				f.Fatal(err)
			}
			out = append(out, s)
		}
		rows.Close()
		db.Close()
	}
	return out
}

// fuzzable reports whether src is one CREATE TABLE or CREATE INDEX
// statement that is safe and quick to run on a scratch database.
func fuzzable(src string) bool {
	toks, err := tokenize(src)
	if err != nil || len(toks) < 3 {
		return false
	}
	word := func(i int) string { return strings.ToUpper(src[toks[i].start:toks[i].end]) }
	if word(0) != "CREATE" || (word(1) != "TABLE" && word(1) != "INDEX" && word(1) != "UNIQUE") {
		return false
	}
	for i, t := range toks {
		if t.kind == tokPunct && src[t.start] == ';' {
			return false
		}
		if t.kind == tokWord {
			switch word(i) {
			case "SELECT", "WITH", "VALUES", "TEMP", "TEMPORARY":
				return false
			}
		}
	}
	return true
}

// FuzzParseSQLiteDDL checks that the parser never panics and that every
// CREATE TABLE or CREATE INDEX statement SQLite accepts is parsed, with as
// many columns or keys as SQLite's pragmas report.
func FuzzParseSQLiteDDL(f *testing.F) {
	for _, s := range seedStatements(f) {
		f.Add(s)
	}
	for _, s := range []string{
		"CREATE TABLE t (a)", "CREATE INDEX i ON t (a COLLATE", "CREATE TABLE [", "CREATE TABLE t (a CHECK ((((",
		"CREATE INDEX i ON t (a) WHERE a = 'x", "CREATE TABLE t (a DEFAULT x'0", "(", ")", "'", "CREATE TABLE t (a, CONSTRAINT",
	} {
		f.Add(s)
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	f.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TABLE t (a, b, c, "x y", name TEXT, j JSON)`); err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()

	f.Fuzz(func(t *testing.T, src string) {
		tbl, terr := parseCreateTable(src)
		idx, ierr := parseCreateIndex(src)
		stripOuterParens(src)
		closingParen(src)
		if ierr == nil {
			for _, k := range idx.Keys {
				if !strings.Contains(src, k.Expr) {
					t.Errorf("index key %q is not text of the statement", k.Expr)
				}
			}
			if !strings.Contains(src, idx.Where) {
				t.Errorf("predicate %q is not text of the statement", idx.Where)
			}
		}
		if terr == nil {
			for _, c := range tbl.Checks {
				if !strings.Contains(src, c.Expr) {
					t.Errorf("check %q is not text of the statement", c.Expr)
				}
			}
		}
		if !fuzzable(src) {
			return
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.Exec(src); err != nil {
			return // SQLite rejects it too
		}
		rows, err := tx.Query(`SELECT m.type, m.name, m.sql,
			CASE m.type
				WHEN 'table' THEN (SELECT count(*) FROM pragma_table_xinfo(m.name))
				ELSE (SELECT count(*) FROM pragma_index_xinfo(m.name) WHERE key = 1)
			END
			FROM sqlite_schema m
			WHERE m.name <> 't' AND m.sql IS NOT NULL AND m.type IN ('table', 'index')
			  AND m.sql NOT LIKE 'CREATE VIRTUAL%'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var kind, name, stored string
			var n int
			if err := rows.Scan(&kind, &name, &stored, &n); err != nil {
				t.Fatal(err)
			}
			if kind == "table" {
				parsed, err := parseCreateTable(stored)
				if err != nil {
					t.Fatalf("SQLite accepted %q but the parser fails: %v", stored, err)
				}
				if len(parsed.Columns) != n {
					t.Fatalf("%q: parsed %d columns, SQLite has %d", stored, len(parsed.Columns), n)
				}
				continue
			}
			parsed, err := parseCreateIndex(stored)
			if err != nil {
				t.Fatalf("SQLite accepted %q but the parser fails: %v", stored, err)
			}
			if len(parsed.Keys) != n {
				t.Fatalf("%q: parsed %d keys, SQLite has %d", stored, len(parsed.Keys), n)
			}
		}
	})
}
