// Package render writes Go source for autogen: migration files (operations
// rendered with jennifer and laid out by a text/template), the chain file of
// a versions package, a schema as Go, file names and MIGRATION-NOTES.md entries.
//
// It does not decide what changed (package diff does) or run anything
// (package migrations does); it only turns values into text.
package render

import (
	"bytes"
	"fmt"
	"go/format"
	"go/scanner"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
	"github.com/autogen-dev/autogen/templates"
)

// File describes one migration file to render.
type File struct {
	// Dialect is the chain the file belongs to; it names the package.
	Dialect schema.Dialect
	// Revision is the file's revision ID: letters, digits and "_" only, as
	// it becomes part of the names of the upgrade and downgrade functions.
	Revision string
	// DownRevisions are the revisions this one follows: none for the first
	// migration, two or more for a merge.
	DownRevisions []string
	// Message is the message given to `autogen revision -m`; it may hold
	// any text.
	Message string
	// Created is the creation time; it is rendered in UTC.
	Created time.Time
	// Upgrade and Downgrade are the operations of the two directions, in
	// order. A Run operation cannot be rendered.
	Upgrade   []migrations.Operation
	Downgrade []migrations.Operation
	// Enums resolves enum names; on SQLite enum-typed columns are written
	// as schema.Varchar(n) sized to the longest value (SQLite has no enum
	// type). May be nil when no enum columns appear.
	Enums schema.EnumLookup
	// UpgradeNotes and DowngradeNotes are comment lines placed above an
	// operation (hazards such as "drops column data"), keyed by the
	// operation's index in Upgrade / Downgrade; optional.
	UpgradeNotes, DowngradeNotes map[int][]string
}

// TemplateData is what a migration file template sees. A project's own
// script.go.tmpl may use every field; they are kept stable.
type TemplateData struct {
	// Package is the Go package of the versions directory: "postgresql"
	// or "sqlite".
	Package string
	// Dialect is the file's dialect; .Dialect.Title is its display name.
	Dialect schema.Dialect
	// Revision is the revision ID; it holds only letters, digits and "_",
	// so it may be used bare in identifiers and comments.
	Revision string
	// DownRevisions are the revisions this one follows (empty for the
	// first migration). Write them with quote, stringSlice or comment.
	DownRevisions []string
	// Created is the creation time in UTC, "2006-01-02 15:04:05".
	Created string
	// Message is the message as given. Write it with quote or comment.
	Message string
	// Imports is the file's import block (the migrations package, and
	// schema when the bodies use it).
	Imports string
	// Upgrade and Downgrade are the function bodies: Go statements, one
	// operation each, possibly with comment lines above, indented by one
	// tab; empty when there is nothing to do.
	Upgrade, Downgrade string
}

// TemplateFuncs are the functions a migration file template may call:
//
//	quote        a Go string literal for any text (strconv.Quote)
//	comment      text as "//" comment lines; line breaks start new comment
//	             lines, and other invisible characters are escaped, so no
//	             text can end the comment or hide anything in it
//	stringSlice  a []string composite literal
//	join         strings.Join
func TemplateFuncs() template.FuncMap {
	return template.FuncMap{
		"quote":       strconv.Quote,
		"comment":     comment,
		"stringSlice": stringSlice,
		"join":        strings.Join,
	}
}

// ParseTemplate parses a migration file template (such as a project's own
// script.go.tmpl) with TemplateFuncs available to it.
func ParseTemplate(name, text string) (*template.Template, error) {
	t, err := template.New(name).Funcs(TemplateFuncs()).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("parse migration template: %w", err)
	}
	return t, nil
}

// DefaultTemplate parses templates/script.go.tmpl, the default migration
// file template.
func DefaultTemplate() (*template.Template, error) {
	text, err := templates.FS.ReadFile(templates.Script)
	if err != nil {
		return nil, fmt.Errorf("read default template: %w", err)
	}
	return ParseTemplate(templates.Script, string(text))
}

// revisionRE is what a revision ID rendered into identifiers may hold.
var revisionRE = regexp.MustCompile(`^[0-9A-Za-z_]+$`)

// Migration renders f into the template (nil: the default from
// templates.FS) and returns gofmt-clean Go source (go/format.Source), or an
// error naming the operation that could not be rendered.
func Migration(tmpl *template.Template, f File) ([]byte, error) {
	if err := check(f); err != nil {
		return nil, fmt.Errorf("render migration %q: %w", f.Revision, err)
	}
	if tmpl == nil {
		var err error
		if tmpl, err = DefaultTemplate(); err != nil {
			return nil, err
		}
	}
	data, err := templateData(f)
	if err != nil {
		return nil, fmt.Errorf("render migration %s: %w", f.Revision, err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return nil, fmt.Errorf("render migration %s: template %s: %w", f.Revision, tmpl.Name(), err)
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("render migration %s: template %s does not produce valid Go: %w", f.Revision, tmpl.Name(), err)
	}
	return src, nil
}

// check rejects what would make a broken file.
func check(f File) error {
	if _, err := dialectConst(f.Dialect); err != nil {
		return err
	}
	if !revisionRE.MatchString(f.Revision) {
		return fmt.Errorf("revision ID %q: want letters, digits and \"_\" only", f.Revision)
	}
	for _, r := range f.DownRevisions {
		if r == "" {
			return fmt.Errorf("empty down revision in %q", f.DownRevisions)
		}
	}
	return nil
}

// templateData renders the bodies and fills the template's fields.
func templateData(f File) (TemplateData, error) {
	g := &gen{dialect: f.Dialect, enums: f.Enums}
	// The file gives jennifer the import names; the package name is never
	// "schema" or "migrations" here, so references are always qualified.
	jf := jen.NewFile(string(f.Dialect))
	jf.ImportName(schemaPath, "schema")
	jf.ImportName(migrationsPath, "migrations")
	up, err := g.bodyText(jf, "upgrade", f.Upgrade, f.UpgradeNotes)
	if err != nil {
		return TemplateData{}, err
	}
	down, err := g.bodyText(jf, "downgrade", f.Downgrade, f.DowngradeNotes)
	if err != nil {
		return TemplateData{}, err
	}
	imports := "import " + strconv.Quote(migrationsPath)
	if g.usesSchema {
		imports = fmt.Sprintf("import (\n\t%q\n\t%q\n)", migrationsPath, schemaPath)
	}
	return TemplateData{
		Package:       string(f.Dialect),
		Dialect:       f.Dialect,
		Revision:      f.Revision,
		DownRevisions: f.DownRevisions,
		Created:       f.Created.UTC().Format(time.DateTime),
		Message:       f.Message,
		Imports:       imports,
		Upgrade:       up,
		Downgrade:     down,
	}, nil
}

// bodyText renders operations as the statements of a function body.
func (g *gen) bodyText(jf *jen.File, dir string, ops []migrations.Operation, notes map[int][]string) (string, error) {
	stmts, err := g.body(dir, ops, notes)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	for i, s := range stmts {
		switch {
		case i == 0:
		case s.noted || stmts[i-1].noted:
			buf.WriteString("\n\n") // a noted step stands apart
		default:
			buf.WriteByte('\n')
		}
		if err := jen.Add(s.code).RenderWithFile(&buf, jf); err != nil {
			return "", fmt.Errorf("%s operation %d (%s): %w", dir, i+1, describe(ops[i]), err)
		}
	}
	return indent(strings.TrimRight(buf.String(), "\n"))
}

// indent indents Go statements by one tab, leaving alone the lines that
// continue a raw string literal (their text is the string's value). The
// bodies reach the template indented because go/printer takes a comment at
// column 1 right above a statement for a doc comment, and rewrites it.
func indent(src string) (string, error) {
	// keep[i] is true for line i+1 when it starts inside a raw string.
	lines := strings.Split(src, "\n")
	keep := make([]bool, len(lines))
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	var s scanner.Scanner
	var errs scanner.ErrorList
	s.Init(file, []byte(src), func(pos token.Position, msg string) { errs.Add(pos, msg) }, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.STRING && strings.HasPrefix(lit, "`") {
			first := file.Line(pos)
			for l := first + 1; l < first+1+strings.Count(lit, "\n"); l++ {
				keep[l-1] = true
			}
		}
	}
	if err := errs.Err(); err != nil {
		return "", fmt.Errorf("rendered statements do not scan: %w", err)
	}
	for i, l := range lines {
		if !keep[i] && l != "" {
			lines[i] = "\t" + l
		}
	}
	return strings.Join(lines, "\n"), nil
}
