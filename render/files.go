package render

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"go/token"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"

	"github.com/autogen-dev/autogen/schema"
)

// slugLen is the longest slug FileName writes, in bytes (Alembic's
// truncate_slug_length).
const slugLen = 40

// FileName is the name of a migration file:
// YYYY_MM_DD_HHMMSS_<rev>_<slug>.go, the time in UTC. The slug is the
// lower-cased message with every run of characters other than [a-z0-9]
// replaced by "_", trimmed of "_", and cut to 40 bytes at a word boundary
// (a first word longer than that is cut inside); "migration" when nothing
// is left. Characters of the revision other than letters, digits and "_"
// become "_", so the name never leaves its directory.
func FileName(created time.Time, revision, message string) string {
	rev := strings.Map(func(r rune) rune {
		if r < 0x80 && (r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return r
		}
		return '_'
	}, revision)
	return created.UTC().Format("2006_01_02_150405") + "_" + rev + "_" + slug(message) + ".go"
}

func slug(message string) string {
	words := strings.FieldsFunc(strings.ToLower(message), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
	var s string
	for _, w := range words {
		switch {
		case s == "" && len(w) > slugLen:
			return w[:slugLen]
		case s == "":
			s = w
		case len(s)+1+len(w) <= slugLen:
			s += "_" + w
		default:
			return s
		}
	}
	if s == "" {
		return "migration"
	}
	return s
}

// NewRevisionID returns a new revision ID: 12 random lower-case hex digits
// (crypto/rand).
func NewRevisionID() string {
	var b [6]byte
	rand.Read(b[:]) // never fails: crypto/rand.Read aborts the program instead
	return hex.EncodeToString(b[:])
}

// ChainFile renders the chain.go of a versions package: a package doc
// comment and `var Chain = migrations.NewChain(schema.Postgres)` (or
// SQLite), the chain every migration file of the package adds itself to.
func ChainFile(pkg string, d schema.Dialect) ([]byte, error) {
	if !token.IsIdentifier(pkg) {
		return nil, fmt.Errorf("render chain file: package name %q is not a Go identifier", pkg)
	}
	name, err := dialectConst(d)
	if err != nil {
		return nil, fmt.Errorf("render chain file: %w", err)
	}
	f := jen.NewFile(pkg)
	f.ImportName(schemaPath, "schema")
	f.ImportName(migrationsPath, "migrations")
	doc := fmt.Sprintf("Package %s holds the %s migration chain: one file per revision, written by\n"+
		"autogen, each adding its migration to Chain from an init function. Order\n"+
		"comes from each migration's DownRevisions, never from file names.", pkg, d.Title())
	f.PackageComment(comment(doc)) // "//" lines; jennifer would make a /* */ block
	f.Comment(fmt.Sprintf("Chain is the %s migration chain.", d.Title()))
	f.Var().Id("Chain").Op("=").Add(mig("NewChain")).Call(jen.Qual(schemaPath, name))
	return renderFile(f)
}

// SchemaFile renders a whole schema as a Go file of package pkg declaring
// `var <ident> = &schema.Schema{...}` (used by `autogen inspect --format
// go`). The output is deterministic, gofmt-clean, and compiles to exactly
// the value s, except for its Unmanaged list, which a model does not use:
// those objects are named in the variable's comment instead. Helpers such
// as schema.Varchar(20) are used only where they make the same value, zero
// fields are left out, and nil is kept apart from an empty list.
//
// To turn a schema reflected from SQLite (which has no identifier limit)
// into a model valid on every dialect, pass it through ModelNames first.
func SchemaFile(pkg, ident string, s *schema.Schema) ([]byte, error) {
	switch {
	case !token.IsIdentifier(pkg):
		return nil, fmt.Errorf("render schema file: package name %q is not a Go identifier", pkg)
	case !token.IsIdentifier(ident):
		return nil, fmt.Errorf("render schema file: variable name %q is not a Go identifier", ident)
	}
	g := &gen{}
	v, err := g.schemaLit(s)
	if err != nil {
		return nil, fmt.Errorf("render schema file: %w", err)
	}
	f := jen.NewFile(pkg)
	f.ImportName(schemaPath, "schema")
	doc := fmt.Sprintf("%s is a database schema model written by autogen.", ident)
	if s != nil && len(s.Unmanaged) > 0 {
		doc += "\n\nThe database also holds these objects, which autogen lists but does not\n" +
			"manage (it never changes or drops them):\n"
		for _, o := range s.Unmanaged {
			line := fmt.Sprintf("- %s %s", strings.ReplaceAll(string(o.Kind), "_", " "), o.Name)
			if len(o.Tables) > 0 {
				line += " (on " + strings.Join(o.Tables, ", ") + ")"
			}
			doc += "\n" + strings.Join(strings.Fields(line), " ")
		}
	}
	for _, line := range strings.Split(comment(doc), "\n") {
		f.Comment(line)
	}
	f.Var().Id(ident).Op("=").Add(v.code)
	return renderFile(f)
}

// ModelNames returns a copy of s whose index and constraint names that are
// longer than some dialect's identifier limit are marked Generated, so that
// on that dialect they are cut as SQLAlchemy cuts the names a naming
// convention makes (PostgreSQL: the first 55 bytes, "_", 4 hex digits of
// the md5 of the full name). A schema reflected from SQLite, where Alembic
// kept the full names that it cut on PostgreSQL, so becomes a model that
// gives each dialect the name Alembic gave it. Table and column names are
// left as they are.
func ModelNames(s *schema.Schema) *schema.Schema {
	out := s.Clone()
	long := func(name string) bool {
		for _, d := range schema.Dialects {
			if limit := schema.MaxIdentLen(d); limit > 0 && len(name) > limit {
				return true
			}
		}
		return false
	}
	for _, t := range out.Tables {
		if pk := t.PrimaryKey; pk != nil && long(pk.Name) {
			pk.Generated = true
		}
		for _, u := range t.Uniques {
			u.Generated = u.Generated || long(u.Name)
		}
		for _, c := range t.Checks {
			c.Generated = c.Generated || long(c.Name)
		}
		for _, fk := range t.ForeignKeys {
			fk.Generated = fk.Generated || long(fk.Name)
		}
		for _, x := range t.Indexes {
			x.Generated = x.Generated || long(x.Name)
		}
	}
	return out
}

func renderFile(f *jen.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, fmt.Errorf("render file: %w", err)
	}
	return buf.Bytes(), nil
}

// dialectConst is the name of the schema constant for d.
func dialectConst(d schema.Dialect) (string, error) {
	switch d {
	case schema.Postgres:
		return "Postgres", nil
	case schema.SQLite:
		return "SQLite", nil
	}
	return "", fmt.Errorf("unknown dialect %q (want %q or %q)", d, schema.Postgres, schema.SQLite)
}
