package diff_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// TestUnmanagedObjectsSurviveMigrations: views, triggers, functions and
// rules are listed, never compared or dropped, and a migration that
// changes the tables they depend on leaves them as they were (on SQLite a
// table rebuild re-creates them); a change that may break a view says so.
func TestUnmanagedObjectsSurviveMigrations(t *testing.T) {
	cases := []struct {
		d   schema.Dialect
		sql string
	}{
		{schema.Postgres, `CREATE TABLE t (id integer PRIMARY KEY, a text, b text, c integer);
			CREATE VIEW v AS SELECT id, a FROM t;
			CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN NEW.c = 1; RETURN NEW; END';
			CREATE TRIGGER t_touch BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
			CREATE RULE t_keep AS ON DELETE TO t WHERE old.id = 0 DO INSTEAD NOTHING;
			CREATE SEQUENCE loose_seq`},
		{schema.SQLite, `CREATE TABLE t (id INTEGER NOT NULL, a TEXT, b TEXT, c INTEGER, CONSTRAINT t_pkey PRIMARY KEY (id));
			CREATE VIEW v AS SELECT id, a FROM t;
			CREATE TRIGGER t_touch AFTER INSERT ON t BEGIN UPDATE t SET c = 1 WHERE id = NEW.id; END`},
	}
	model := &schema.Schema{Tables: []*schema.Table{{
		Name: "t",
		Columns: []*schema.Column{
			{Name: "id", Type: schema.Integer, NotNull: true},
			{Name: "a", Type: schema.Text},
			{Name: "c", Type: schema.BigInt}, // was integer: a rebuild on SQLite; b is dropped
		},
		PrimaryKey: &schema.PrimaryKey{Name: "t_pkey", Columns: []string{"id"}},
	}}}
	for _, tc := range cases {
		t.Run(string(tc.d), func(t *testing.T) {
			ctx := context.Background()
			db := openDB(t, tc.d)
			for _, stmt := range splitStatements(tc.sql) {
				if _, err := db.ExecContext(ctx, stmt); err != nil {
					t.Fatalf("%s: %v", stmt, err)
				}
			}
			before := reflectDB(t, tc.d, db)
			if len(before.Unmanaged) == 0 {
				t.Fatal("no unmanaged objects reflected")
			}
			m := resolve(t, model)
			want := desired(t, tc.d, m)
			r, err := diff.Compare(tc.d, before, want, diff.Options{Model: m, Filter: &diff.Filter{}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range r.Changes {
				got = append(got, c.String())
			}
			note := `drop column "t"."b": view "v" reads the table and is not managed by autogen`
			if len(got) != 2 || !strings.HasPrefix(got[1], note) || !strings.HasPrefix(got[0], `alter column "t"."c": type`) {
				t.Errorf("changes:\n  %s\nwant the type change of c, then the drop of b with the note %q", strings.Join(got, "\n  "), note)
			}
			if _, err := db.ExecContext(ctx, "INSERT INTO t (id, a, b) VALUES (1, 'x', 'y')"); err != nil {
				t.Fatal(err)
			}
			if err := migrations.Apply(ctx, db, tc.d, r.Upgrade); err != nil {
				t.Fatalf("upgrade: %v", err)
			}
			after := reflectDB(t, tc.d, db)
			if d := cmp.Diff(before.Unmanaged, after.Unmanaged); d != "" {
				t.Errorf("unmanaged objects changed by the migration (-before +after):\n%s", d)
			}
			// They still work: the view reads the table, the trigger fires.
			if _, err := db.ExecContext(ctx, "INSERT INTO t (id, a) VALUES (2, 'z')"); err != nil {
				t.Fatal(err)
			}
			var n, fired int
			if err := db.QueryRowContext(ctx, "SELECT count(*), (SELECT count(*) FROM t WHERE c = 1) FROM v").Scan(&n, &fired); err != nil || n != 2 || fired != 2 {
				t.Errorf("after the migration: view rows %d, trigger fired %d times (%v); want 2 and 2", n, fired, err)
			}
		})
	}
}

// splitStatements splits SQL at semicolons outside quotes and BEGIN … END
// blocks (enough for the statements of these tests).
func splitStatements(sql string) []string {
	var out []string
	depth, start := 0, 0
	inQuote := false
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case c == '\'':
			inQuote = !inQuote
		case inQuote:
		case c == ';' && depth == 0:
			if s := strings.TrimSpace(sql[start:i]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		case (c == 'B' || c == 'b') && strings.EqualFold(sql[i:min(i+6, len(sql))], "BEGIN "):
			depth++
		case (c == 'E' || c == 'e') && strings.EqualFold(sql[i:min(i+4, len(sql))], "END;") && depth > 0:
			depth--
		}
	}
	if s := strings.TrimSpace(sql[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
