package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/internal/atomicfile"
	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

func (a *app) revisionCommand() *cobra.Command {
	var message, dialect string
	var empty bool
	cmd := &cobra.Command{
		Use:   "revision -m MESSAGE",
		Short: "Write a pair of migrations (PostgreSQL and SQLite) for the model's changes",
		Long: `Revision compares the model with the head of each chain (both built on
scratch databases) and writes one Go migration file per dialect that has
changes, with the same timestamp and different revision IDs, and a new entry
on top of MIGRATION-NOTES.md. A dialect without changes gets no file; its
notes line says None. With no changes on either side nothing is written.

Review the generated files like any code before committing them.`,
		Example: `  autogen revision -m "add labels to flow"
  autogen revision -m "backfill names" --empty
  autogen revision -m "sqlite only" --dialect sqlite`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(message) == "" {
				return fail("revision needs a message: -m \"what changed\"")
			}
			p, err := a.project()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if err := a.needEnv(ctx, p); err != nil {
				return err
			}
			s, err := a.newSession(p)
			if err != nil {
				return err
			}
			defer s.close()
			ds, err := s.dialects(dialect)
			if err != nil {
				return err
			}
			return s.revision(ds, strings.TrimSpace(message), empty, cmd)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&message, "message", "m", "", "what the migration does (required)")
	f.StringVar(&dialect, "dialect", "", "write only this dialect's migration: postgresql or sqlite")
	f.BoolVar(&empty, "empty", false, "write a pair with no operations, to fill in by hand")
	return cmd
}

// planned is one file of a pair, ready to render.
type planned struct {
	dialect schema.Dialect
	file    render.File
}

func (s *session) revision(ds []schema.Dialect, message string, empty bool, cmd *cobra.Command) error {
	ctx := cmd.Context()
	created := time.Now().UTC().Truncate(time.Second)
	var pair []planned
	for _, d := range ds {
		head, err := s.head(d)
		if err != nil {
			return err
		}
		f := render.File{Dialect: d, Message: message, Created: created, Enums: s.model.Lookup()}
		if head != "" {
			f.DownRevisions = []string{head}
		}
		if !empty {
			s.a.logf("Comparing the model with the %s chain's head…", d.Title())
			r, err := s.compareHead(ctx, d)
			if err != nil {
				return err
			}
			if r.Empty() {
				continue
			}
			s.a.printChanges(r)
			f.Upgrade, f.Downgrade = r.Upgrade, r.Downgrade
			f.UpgradeNotes = hazardNotes(r)
		}
		pair = append(pair, planned{dialect: d, file: f})
	}
	if len(pair) == 0 {
		fmt.Fprintln(s.a.stdout, "No changes in the model; no migration written.")
		return nil
	}
	tmpl, err := s.template()
	if err != nil {
		return err
	}
	var files atomicfile.Set
	revs := map[schema.Dialect]string{}
	var written []string
	for _, pl := range pair {
		f := pl.file
		f.Revision = newRevision(revs)
		revs[pl.dialect] = f.Revision
		src, err := render.Migration(tmpl, f)
		if err != nil {
			return fail("render the %s migration: %v", pl.dialect.Title(), err)
		}
		path := filepath.Join(s.p.VersionsDir(pl.dialect), render.FileName(created, f.Revision, message))
		if fileExists(path) {
			return fail("%s exists already; nothing written", path)
		}
		files.Add(path, src, 0o644)
		written = append(written, path)
	}
	notesPath := s.p.Path(s.p.Config.Notes)
	notes, err := os.ReadFile(notesPath)
	if err != nil && !os.IsNotExist(err) {
		return fail("read %s: %v", notesPath, err)
	}
	if len(notes) == 0 {
		notes = []byte(render.NotesHeader)
	}
	updated, err := render.PrependNotes(notes, render.NotesEntry{Message: message, SQLite: revs[schema.SQLite], Postgres: revs[schema.Postgres]})
	if err != nil {
		return fail("%v", err)
	}
	files.Add(notesPath, updated, 0o644)
	if err := files.Commit(); err != nil {
		return fail("write the migration pair (nothing was written): %v", err)
	}
	for _, path := range written {
		fmt.Fprintf(s.a.stdout, "Wrote %s\n", s.rel(path))
	}
	fmt.Fprintf(s.a.stdout, "Updated %s\n", s.rel(notesPath))
	return nil
}

// newRevision returns a revision ID not used by the other side of the pair.
func newRevision(used map[schema.Dialect]string) string {
	for {
		id := render.NewRevisionID()
		clash := false
		for _, u := range used {
			clash = clash || u == id
		}
		if !clash {
			return id
		}
	}
}

// template returns the project's template, or the built-in one.
func (s *session) template() (*template.Template, error) {
	path := s.p.Path(s.p.Config.Template)
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return render.DefaultTemplate()
	}
	if err != nil {
		return nil, fail("read the template %s: %v", path, err)
	}
	t, err := render.ParseTemplate(filepath.Base(path), string(data))
	if err != nil {
		return nil, fail("the template %s: %v", path, err)
	}
	return t, nil
}

func (s *session) rel(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if r, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return path
}

// hazardNotes marks destructive operations in the generated file.
func hazardNotes(r *diff.Result) map[int][]string {
	notes := map[int][]string{}
	for i, op := range r.Upgrade {
		if h := diff.Hazards(r.Dialect, op); len(h) > 0 {
			notes[i] = h
		}
	}
	return notes
}
