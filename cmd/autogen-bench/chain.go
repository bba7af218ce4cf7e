package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

// The example project copied for the `check` benchmark, and its import
// path inside this module.
const (
	exampleDir    = "examples/prefect"
	exampleImport = "github.com/autogen-dev/autogen/examples/prefect"
	copyModule    = "benchprefect"
)

// prefectProject copies examples/prefect into dir as a module of its own
// (its imports rewritten, autogen replaced by the source tree at root),
// grows each chain by extra migrations and returns the project directory.
//
// The extra migrations come in pairs that add a column to "flow" and drop
// it again, so the chains replay extra+1 migrations each and still end at
// the example's model: `autogen check` is in sync. Their files, notes
// entries and checksums are what `autogen revision` would keep (the sum
// file is rewritten with `autogen hash`).
func prefectProject(ctx context.Context, root, dir, bin string, extra int) (string, error) {
	src := filepath.Join(root, exampleDir)
	if _, err := os.Stat(filepath.Join(src, "migrations", "autogen.toml")); err != nil {
		return "", fmt.Errorf("-prefect-chain needs %s: %v", exampleDir, err)
	}
	proj := filepath.Join(dir, "prefect")
	err := filepath.WalkDir(src, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		out := filepath.Join(proj, rel)
		if e.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		if strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".toml") {
			b = []byte(strings.ReplaceAll(string(b), exampleImport, copyModule))
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		return "", fmt.Errorf("copy %s: %w", exampleDir, err)
	}
	// The copy's go.mod is the source tree's (its requirements and their
	// sums are known) under another module name, with autogen itself
	// required from the source tree.
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	first, rest, _ := strings.Cut(string(mod), "\n")
	if !strings.HasPrefix(first, "module ") {
		return "", fmt.Errorf("%s/go.mod does not start with a module line", root)
	}
	gomod := "module " + copyModule + "\n" + rest +
		"\nrequire github.com/autogen-dev/autogen v0.0.0\n\nreplace github.com/autogen-dev/autogen => " + root + "\n"
	if err := os.WriteFile(filepath.Join(proj, "go.mod"), []byte(gomod), 0o644); err != nil {
		return "", err
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(proj, "go.sum"), sum, 0o644); err != nil {
		return "", err
	}
	if err := growChains(filepath.Join(proj, "migrations"), extra); err != nil {
		return "", err
	}
	hash := exec.CommandContext(ctx, bin, "-C", proj, "hash")
	if out, err := hash.CombinedOutput(); err != nil {
		return "", fmt.Errorf("autogen hash: %v\n%s", err, out)
	}
	return proj, nil
}

// growChains appends extra migrations to both chains of the project's
// migrations directory, with their notes entries.
func growChains(migDir string, extra int) error {
	notesPath := filepath.Join(migDir, "MIGRATION-NOTES.md")
	notes, err := os.ReadFile(notesPath)
	if err != nil {
		return err
	}
	entries, err := render.ParseNotes(notes)
	if err != nil || len(entries) == 0 {
		return fmt.Errorf("%s: no head revisions found (%v)", notesPath, err)
	}
	head := map[schema.Dialect]string{schema.SQLite: entries[0].SQLite, schema.Postgres: entries[0].Postgres}
	created := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range extra {
		col := fmt.Sprintf("bench_%d", i/2)
		msg := fmt.Sprintf("add %s to flow", col)
		if i%2 == 1 {
			msg = fmt.Sprintf("drop %s from flow", col)
		}
		created = created.Add(time.Minute)
		entry := render.NotesEntry{Message: msg}
		for _, d := range schema.Dialects {
			rev := render.NewRevisionID()
			file := filepath.Join(migDir, "versions", string(d), render.FileName(created, rev, msg))
			src := migrationSource(d, rev, head[d], msg, created, col, i%2 == 0)
			if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
				return err
			}
			head[d] = rev
			if d == schema.SQLite {
				entry.SQLite = rev
			} else {
				entry.Postgres = rev
			}
		}
		if notes, err = render.PrependNotes(notes, entry); err != nil {
			return err
		}
	}
	return os.WriteFile(notesPath, notes, 0o644)
}

// migrationSource is a migration file that adds (add true) or drops a text
// column of "flow", laid out as generated files are.
func migrationSource(d schema.Dialect, rev, down, msg string, created time.Time, col string, add bool) string {
	addOp := fmt.Sprintf("op.AddColumn(%q, &schema.Column{Name: %q, Type: schema.Text})", "flow", col)
	dropOp := fmt.Sprintf("op.DropColumn(%q, %q)", "flow", col)
	up, downOp := addOp, dropOp
	if !add {
		up, downOp = dropOp, addOp
	}
	stamp := created.Format("2006-01-02 15:04:05")
	return fmt.Sprintf(`package %[1]s

import (
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// %[2]s
//
// Revision: %[3]s
// Revises: %[4]s
// Created: %[5]s UTC
// Dialect: %[6]s
func init() {
	Chain.Add(migrations.Migration{
		Revision:      %[3]q,
		DownRevisions: []string{%[4]q},
		Message:       %[2]q,
		Created:       %[5]q,
		Upgrade:       upgrade%[3]s,
		Downgrade:     downgrade%[3]s,
	})
}

func upgrade%[3]s(op *migrations.Op) {
	%[7]s
}

func downgrade%[3]s(op *migrations.Op) {
	%[8]s
}

var _ = schema.Text
`, d, msg, rev, down, stamp, d.Title(), up, downOp)
}
