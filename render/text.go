package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"
)

// goString returns a Go expression for s and whether it spans several
// lines. Text of several lines that can be written raw (no backquote, no
// carriage return, nothing a reader could not see) becomes a raw string
// literal, so that hand-written SQL stays readable; everything else is an
// interpreted literal made by strconv.Quote, which escapes quotes,
// backslashes, newlines, control and format characters and invalid UTF-8.
// Either form reproduces s byte for byte.
func goString(s string) lit {
	if strings.Contains(s, "\n") && canRaw(s) {
		// jen.Op writes its text verbatim: the only way to emit a raw literal.
		return lit{code: jen.Op("`" + s + "`"), multi: true}
	}
	return lit{code: jen.Lit(s)}
}

// canRaw reports whether s can be written between backquotes as it is:
// valid UTF-8, no backquote, and no character other than newline and tab
// that is not printable (a raw string drops carriage returns, the compiler
// rejects NUL and BOM, and format characters such as bidirectional
// overrides would make the file read differently from what it does).
func canRaw(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r != '\n' && r != '\t' && (r == '`' || !unicode.IsPrint(r)) {
			return false
		}
	}
	return true
}

// commentLines splits text into lines fit to follow "// ". A line comment
// ends only at a line break, so every character that ends a line in Go or
// in an editor (\n, \r, \v, \f, U+0085, U+2028, U+2029) starts a new line;
// other characters that are not printable (control and format characters,
// bidirectional overrides, invalid UTF-8) are written as escapes (\u202e,
// \xff) so that a comment shows what it holds and nothing can hide in it.
// Each line is trimmed of spaces and tabs (gofmt would drop trailing ones,
// and would turn an indented line of a doc comment into a code block), and
// blank lines at the start and end are dropped.
func commentLines(text string) []string {
	var lines []string
	var b strings.Builder
	newline := func() {
		lines = append(lines, strings.Trim(b.String(), " \t"))
		b.Reset()
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, text[i])
		case r == '\r' && strings.HasPrefix(text[i+1:], "\n"):
			size++ // a CRLF is one line break
			newline()
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			newline()
		case r == '\t' || unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			b.WriteString(escapeRune(r))
		}
		i += size
	}
	newline()
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// escapeRune spells r as a Go escape sequence.
func escapeRune(r rune) string {
	if r < 0x10000 {
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}

// comment renders text as "//" comment lines joined by newlines, or "" for
// text with no visible content.
func comment(text string) string {
	lines := commentLines(text)
	for i, l := range lines {
		if l == "" {
			lines[i] = "//"
		} else {
			lines[i] = "// " + l
		}
	}
	return strings.Join(lines, "\n")
}

// commentCode renders text as comment lines ahead of a statement. Each line
// is given to jennifer with its "//" already in place, which jennifer then
// writes verbatim (a text starting with "/*" would otherwise open a block
// comment).
// It returns an empty statement for text with no visible content.
func commentCode(text string) *jen.Statement {
	s := &jen.Statement{}
	if c := comment(text); c != "" {
		for _, line := range strings.Split(c, "\n") {
			s.Comment(line).Line()
		}
	}
	return s
}

// stringSlice renders ss as a []string composite literal.
func stringSlice(ss []string) string {
	quoted := make([]string, len(ss))
	for i, s := range ss {
		quoted[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(quoted, ", ") + "}"
}
