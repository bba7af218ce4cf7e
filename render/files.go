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
// the value s: helpers such as schema.Varchar(20) are used only where they
// make the same value, zero fields are left out, and nil is kept apart from
// an empty list.
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
	f.Comment(fmt.Sprintf("%s is a database schema model written by autogen.", ident))
	f.Var().Id(ident).Op("=").Add(v.code)
	return renderFile(f)
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
