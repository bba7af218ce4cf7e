package render

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// parseLiteral parses the Go expression rendered for s and returns the
// string it denotes.
func parseLiteral(t *testing.T, s string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := jen.Add(goString(s).code).Render(&buf); err != nil {
		t.Fatalf("render %q: %v", s, err)
	}
	expr, err := parser.ParseExpr(buf.String())
	if err != nil {
		t.Fatalf("rendered literal for %q does not parse: %v\n%s", s, err, buf.Bytes())
	}
	lit, ok := expr.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		t.Fatalf("rendered %q as %T, not a string literal", s, expr)
	}
	v, err := strconv.Unquote(lit.Value)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestGoString(t *testing.T) {
	for _, c := range []struct {
		in  string
		raw bool
	}{
		{"plain", false},
		{"", false},
		{"two\nlines", true},
		{"SELECT 1;\n-- */ }\n", true},
		{"tab\tand\nnewline", true},
		{"back`quote\nx", false},
		{"carriage\r\nreturn", false},
		{"bidi \u202e\nx", false},
		{"nul \x00\nx", false},
		{"bad \xff\nx", false},
		{"bom \ufeff\nx", false},
	} {
		rendered := jen.Add(goString(c.in).code).GoString()
		if raw := strings.HasPrefix(rendered, "`"); raw != c.raw {
			t.Errorf("goString(%q) = %s; raw = %v, want %v", c.in, rendered, raw, c.raw)
		}
		if got := parseLiteral(t, c.in); got != c.in {
			t.Errorf("goString(%q) denotes %q", c.in, got)
		}
	}
}

func TestComment(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"  \n \n", ""},
		{"one", "// one"},
		{"one\n\ntwo  ", "// one\n//\n// two"},
		{"\n  indented\n", "// indented"},
		{"a\r\nb\rc\u2028d\u2029e\vf\fg\u0085h", "// a\n// b\n// c\n// d\n// e\n// f\n// g\n// h"},
		{"*/ /* // x", "// */ /* // x"},
		{"bidi \u202eevil\u202c, nul \x00, bad \xff, bom \ufeff, emoji 😀", `// bidi \u202eevil\u202c, nul \u0000, bad \xff, bom \ufeff, emoji 😀`},
	} {
		if got := comment(c.in); got != c.want {
			t.Errorf("comment(%q) =\n%s\nwant\n%s", c.in, got, c.want)
		}
	}
}

// FuzzGoString checks that any text renders as a Go string literal that
// denotes exactly that text.
func FuzzGoString(f *testing.F) {
	for _, s := range []string{"", "x", "a\nb", "`", "\r\n", "\xff\n", hostile} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got := parseLiteral(t, s); got != s {
			t.Fatalf("goString(%q) denotes %q", s, got)
		}
	})
}

// FuzzComment checks that any text renders as comment lines that are
// valid UTF-8, hold no line break, and together form a comment and
// nothing else.
func FuzzComment(f *testing.F) {
	for _, s := range []string{"", "x", "a\nb", "*/", "\r", "\u2028", "\xff", hostile} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := comment(s)
		if !utf8.ValidString(c) {
			t.Fatalf("comment(%q) is not valid UTF-8: %q", s, c)
		}
		for _, line := range strings.Split(c, "\n") {
			if c != "" && !strings.HasPrefix(line, "//") {
				t.Fatalf("comment(%q) has a line that is not a comment: %q", s, line)
			}
			if strings.ContainsAny(line, "\r\v\f\u0085\u2028\u2029") {
				t.Fatalf("comment(%q) has a line break inside a line: %q", s, line)
			}
		}
		src := "package p\n\n" + c + "\nvar x = 1\n"
		file, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ParseComments)
		if err != nil {
			t.Fatalf("comment(%q) breaks the file: %v\n%s", s, err, src)
		}
		if len(file.Decls) != 1 {
			t.Fatalf("comment(%q) adds code: %d declarations", s, len(file.Decls))
		}
	})
}
