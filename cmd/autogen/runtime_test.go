package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// migrationFile writes a hand-written migration to a versions folder of
// the project in module and returns its path.
func migrationFile(t *testing.T, module string, d schema.Dialect, rev string, down []string, upgrade string) string {
	t.Helper()
	var downs string
	if len(down) > 0 {
		downs = fmt.Sprintf("DownRevisions: %#v,", down)
	}
	path := filepath.Join(module, "migrations", "versions", string(d), fmt.Sprintf("2024_01_01_000000_%s_hand.go", rev))
	writeFile(t, path, fmt.Sprintf(`package %s

import (
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

var _ = schema.Text

func init() {
	Chain.Add(migrations.Migration{
		Revision: %q,
		%s
		Message: "hand-written %s",
		Upgrade: func(op *migrations.Op) {
			%s
		},
	})
}
`, d, rev, downs, rev, upgrade))
	return path
}

// currentRevision reads the database's revisions with the library.
func currentRevision(t *testing.T, url string) string {
	t.Helper()
	db, _, err := migrations.OpenDB(url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var revs []string
	rows, err := db.Query(`SELECT version_num FROM alembic_version ORDER BY version_num`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		revs = append(revs, r)
	}
	return strings.Join(revs, " ")
}

// TestRuntimeErrorsThroughCLI drives `autogen upgrade` on both dialects
// into the runtime's failures: a migration that fails halfway, a database
// at a revision the chain lacks, and chains with a duplicate revision, a
// missing parent, a cycle and two heads. Each time autogen exits 2 with a
// message naming the revisions, and the database stays at its revision
// with its schema and rows.
func TestRuntimeErrorsThroughCLI(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Go programs; skipped with -short")
	}
	srv := pgtest.Server(t)
	module := newModule(t)
	c := &runner{t: t, dir: module, env: []string{"AUTOGEN_PG_DEV_URL=" + srv.URL(), "GOFLAGS=-mod=mod"}}
	writeFile(t, filepath.Join(module, "model", "schema.go"), `package model

import "github.com/autogen-dev/autogen/schema"

var Schema = &schema.Schema{Tables: []*schema.Table{{
	Name:    "t",
	Columns: []*schema.Column{{Name: "a", Type: schema.Integer}},
}}}
`)
	c.must(0, "init", "--model", "example.com/app/model.Schema")

	const m1, m2, m3 = "a1a1a1a1a1a1", "b2b2b2b2b2b2", "c3c3c3c3c3c3"
	urls := map[schema.Dialect]string{schema.Postgres: pgtest.DB(t), schema.SQLite: sqliteURL(t, "app.db")}
	var failing []string
	for _, d := range schema.Dialects {
		migrationFile(t, module, d, m1, nil, `op.CreateTable(&schema.Table{Name: "t", Columns: []*schema.Column{{Name: "a", Type: schema.Integer}}})
			op.Exec("INSERT INTO t (a) VALUES (1), (2), (3)")`)
		migrationFile(t, module, d, m2, []string{m1}, `op.AddColumn("t", &schema.Column{Name: "b", Type: schema.Text})`)
		failing = append(failing, migrationFile(t, module, d, m3, []string{m2}, `op.AddColumn("t", &schema.Column{Name: "c", Type: schema.Text})
			op.Exec("UPDATE t SET c = 'x'")
			op.Exec("INSERT INTO no_such_table VALUES (1)")`))
	}

	// A migration that fails halfway: exit 2, the earlier ones applied, the
	// failing one rolled back.
	want := map[schema.Dialect]*schema.Schema{}
	for _, d := range schema.Dialects {
		out := c.must(2, "upgrade", "head", "--db", urls[d])
		t.Logf("%s: %s", d, out)
		for _, s := range []string{"upgrade " + m3, "rolled back", "no_such_table"} {
			if !strings.Contains(out, s) {
				t.Errorf("%s: the message does not say %q:\n%s", d, s, out)
			}
		}
		if got := currentRevision(t, urls[d]); got != m2 {
			t.Errorf("%s: after the failure the database is at %q, want %s", d, got, m2)
		}
		want[d] = reflectURL(t, urls[d])
		if cols := want[d].Table("t").Columns; len(cols) != 2 {
			t.Errorf("%s: table t has %d columns, want a and b", d, len(cols))
		}
	}
	for _, f := range failing {
		os.Remove(f)
	}
	unchanged := func(t *testing.T, d schema.Dialect) {
		t.Helper()
		if got := currentRevision(t, urls[d]); got != m2 {
			t.Errorf("%s: the database is at %q, want %s", d, got, m2)
		}
		if diff := cmp.Diff(want[d], reflectURL(t, urls[d])); diff != "" {
			t.Errorf("%s: the schema changed:\n%s", d, diff)
		}
	}

	// A database at a revision the chain does not have.
	for _, d := range schema.Dialects {
		execSQL(t, urls[d], `UPDATE alembic_version SET version_num = 'ffffffffffff'`)
		out := c.must(2, "upgrade", "head", "--db", urls[d])
		if !strings.Contains(out, "the database is at revision ffffffffffff, which the "+d.Title()+" chain does not have") {
			t.Errorf("%s: unknown revision: %s", d, out)
		}
		if got := currentRevision(t, urls[d]); got != "ffffffffffff" {
			t.Errorf("%s: the version changed to %q", d, got)
		}
		execSQL(t, urls[d], `UPDATE alembic_version SET version_num = '`+m2+`'`)
	}

	// Broken chains.
	for _, bad := range []struct {
		name  string
		files func(d schema.Dialect) []string
		want  []string
	}{
		{"duplicate revision", func(d schema.Dialect) []string {
			path := migrationFile(t, module, d, "dddddddddddd", []string{m2}, "")
			// The same revision ID in a second file.
			body := strings.ReplaceAll(readFile(t, path), `"dddddddddddd"`, `"`+m2+`"`)
			writeFile(t, path, body)
			return []string{path}
		}, []string{"revision " + m2 + " is declared twice"}},
		{"missing parent", func(d schema.Dialect) []string {
			return []string{migrationFile(t, module, d, "eeeeeeeeeeee", []string{"deadbeef0000"}, "")}
		}, []string{"revision eeeeeeeeeeee", "follows revision deadbeef0000, which is not in the chain"}},
		{"cycle", func(d schema.Dialect) []string {
			return []string{
				migrationFile(t, module, d, "c1c1c1c1c1c1", []string{"c2c2c2c2c2c2"}, ""),
				migrationFile(t, module, d, "c2c2c2c2c2c2", []string{"c1c1c1c1c1c1"}, ""),
			}
		}, []string{"form a cycle", "c1c1c1c1c1c1", "c2c2c2c2c2c2"}},
		{"two heads", func(d schema.Dialect) []string {
			return []string{
				migrationFile(t, module, d, "h1h1h1h1h1h1", []string{m2}, `op.AddColumn("t", &schema.Column{Name: "h1", Type: schema.Text})`),
				migrationFile(t, module, d, "h2h2h2h2h2h2", []string{m2}, `op.AddColumn("t", &schema.Column{Name: "h2", Type: schema.Text})`),
			}
		}, []string{"multiple heads", "h1h1h1h1h1h1", "h2h2h2h2h2h2"}},
	} {
		t.Run(strings.ReplaceAll(bad.name, " ", "_"), func(t *testing.T) {
			var files []string
			for _, d := range schema.Dialects {
				files = append(files, bad.files(d)...)
			}
			defer func() {
				for _, f := range files {
					os.Remove(f)
				}
			}()
			for _, d := range schema.Dialects {
				out := c.must(2, "upgrade", "head", "--db", urls[d])
				t.Logf("%s: %s", d, out)
				for _, s := range bad.want {
					if !strings.Contains(out, s) {
						t.Errorf("%s: the message does not say %q:\n%s", d, s, out)
					}
				}
				unchanged(t, d)
			}
		})
	}

	// With the chain whole again, the upgrade goes through.
	for _, d := range schema.Dialects {
		c.must(0, "upgrade", "head", "--db", urls[d])
		if got := currentRevision(t, urls[d]); got != m2 {
			t.Errorf("%s: at %q", d, got)
		}
	}
}
