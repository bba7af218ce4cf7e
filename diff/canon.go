package diff

import (
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// Canonical forms of SQL text, for comparing expressions that the
// database keeps as written.
//
// PostgreSQL deparses what it stores (pg_get_expr), so its text is
// canonical already. SQLite keeps an expression exactly as the statement
// wrote it: the same index key or default written "lower(name)" by one
// migration and "LOWER( name )" by another must compare equal. Its canonical
// form is the token sequence with single spaces between tokens, bare words
// lower-cased (SQLite's keywords, function names and unquoted identifiers
// ignore case) and plain identifiers written without quotes; string
// literals and quoted names that need their quotes are kept as they are.

// canonSQL returns the canonical form of text on dialect d.
func canonSQL(d schema.Dialect, text string) string {
	if d != schema.SQLite {
		return pgCanonSQL(text)
	}
	toks := sqlTokens(schema.SQLite, text)
	for i, t := range toks {
		switch {
		case isBareWord(t):
			toks[i] = strings.ToLower(t)
		case len(t) >= 2 && (t[0] == '"' || t[0] == '`' || t[0] == '['):
			inner := t[1 : len(t)-1]
			if isBareWord(inner) && !strings.ContainsAny(inner, "\"`[]") {
				toks[i] = strings.ToLower(inner)
			}
		}
	}
	return strings.Join(toks, " ")
}

// pgCanonSQL is the canonical form of PostgreSQL's printed text. One
// spelling difference survives the server's own deparsing: a cast of an
// ARRAY constructor, "(ARRAY[a, b])::text[]" (or "ARRAY[a, b]::text[]"
// when printed pretty), is what PostgreSQL prints for an IN list on a
// varchar column, and parsing it again casts each element instead,
// "ARRAY[(a)::text, (b)::text]" (pretty: "ARRAY[a::text, b::text]"). A
// constraint or index re-created from reflected text, or created by
// another tool, may hold either tree; both are the same expression. The
// canonical form is the second one, written as tokens with single spaces;
// text without an ARRAY constructor is compared as printed.
func pgCanonSQL(text string) string {
	text = strings.TrimSpace(text)
	if !strings.Contains(text, "ARRAY[") {
		return text
	}
	return strings.Join(pushArrayCasts(sqlTokens(schema.Postgres, text)), " ")
}

// pushArrayCasts rewrites, in a token list, each cast of an ARRAY
// constructor to an array type into the constructor of the elements cast
// to the element type (see pgCanonSQL), inner constructors first.
func pushArrayCasts(toks []string) []string {
	var out []string
	for i := 0; i < len(toks); {
		elems, typ, paren, next, ok := arrayCast(toks, i)
		if !ok {
			out = append(out, toks[i])
			i++
			continue
		}
		out = append(out, "ARRAY", "[")
		for j, e := range elems {
			if j > 0 {
				out = append(out, ",")
			}
			e = pushArrayCasts(e)
			if paren || !castChain(e) {
				e = append(append([]string{"("}, e...), ")")
			}
			out = append(append(append(out, e...), ":", ":"), typ...)
		}
		out = append(out, "]")
		i = next
	}
	return out
}

// arrayCast matches, at toks[i], "( ARRAY [ elems ] ) :: type [ ]" (paren
// set) or "ARRAY [ elems ] :: type [ ]", returning the elements, the
// element type's tokens and the index after the match.
func arrayCast(toks []string, i int) (elems [][]string, typ []string, paren bool, next int, ok bool) {
	at := func(k int, s string) bool { return k < len(toks) && toks[k] == s }
	j := i
	if at(j, "(") {
		paren = true
		j++
	}
	if !at(j, "ARRAY") || !at(j+1, "[") {
		return nil, nil, false, 0, false
	}
	end := matching(toks, j+1)
	if end < 0 || end == j+2 {
		return nil, nil, false, 0, false // unbalanced, or ARRAY[] (no elements)
	}
	k := end + 1
	if paren {
		if !at(k, ")") {
			return nil, nil, false, 0, false
		}
		k++
	}
	if !at(k, ":") || !at(k+1, ":") {
		return nil, nil, false, 0, false
	}
	k += 2
	start := k
	for k < len(toks) && !(at(k, "[") && at(k+1, "]")) {
		t := toks[k]
		if t == "(" {
			close := matching(toks, k)
			if close < 0 {
				return nil, nil, false, 0, false
			}
			k = close + 1
			continue
		}
		if !isTypeWord(t) {
			return nil, nil, false, 0, false
		}
		k++
	}
	if k >= len(toks) || k == start {
		return nil, nil, false, 0, false
	}
	return splitTopLevel(toks[j+2 : end]), toks[start:k], paren, k + 2, true
}

// isTypeWord reports whether t can be part of a type name as PostgreSQL
// prints it (character varying, "MyEnum", public.t).
func isTypeWord(t string) bool {
	return t == "." || isBareWord(t) || len(t) >= 2 && t[0] == '"'
}

// matching returns the index of the bracket closing the one at toks[i]
// ("(" or "["), or -1.
func matching(toks []string, i int) int {
	open := toks[i]
	close := map[string]string{"(": ")", "[": "]"}[open]
	depth := 0
	for k := i; k < len(toks); k++ {
		switch toks[k] {
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// splitTopLevel splits tokens at the commas outside brackets.
func splitTopLevel(toks []string) [][]string {
	var out [][]string
	depth, from := 0, 0
	for k, t := range toks {
		switch t {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, toks[from:k])
				from = k + 1
			}
		}
	}
	return append(out, toks[from:])
}

// castChain reports whether an element is a single operand followed only
// by casts ("'a' :: character varying"), which pretty printing casts again
// without parentheses.
func castChain(e []string) bool {
	if len(e) == 0 || e[0] == "(" || e[0] == "-" {
		return false
	}
	for k := 1; k < len(e); {
		if e[k] != ":" || k+1 >= len(e) || e[k+1] != ":" {
			return false
		}
		k += 2
		for k < len(e) && e[k] != ":" {
			if e[k] == "(" {
				close := matching(e, k)
				if close < 0 {
					return false
				}
				k = close + 1
				continue
			}
			if !isTypeWord(e[k]) && e[k] != "[" && e[k] != "]" {
				return false
			}
			k++
		}
	}
	return true
}

// sqlEqualOn reports whether two SQL texts mean the same on dialect d:
// each's text for d (or its common text) in canonical form.
func sqlEqualOn(d schema.Dialect, a, b schema.SQL) bool {
	ta, oka := a.For(d)
	tb, okb := b.For(d)
	if oka != okb {
		return false
	}
	return canonSQL(d, ta) == canonSQL(d, tb)
}

// defaultEqualOn reports whether two defaults are the same on dialect d:
// equal values, or expressions whose texts for d are the same in
// canonical form.
func defaultEqualOn(d schema.Dialect, a, b schema.Default) bool {
	if a.Equal(b) {
		return true
	}
	if a.Kind != b.Kind || a.Value != b.Value {
		return false
	}
	ta, oka := a.SQL.For(d)
	tb, okb := b.SQL.For(d)
	return oka == okb && canonSQL(d, ta) == canonSQL(d, tb)
}

// isBareWord reports whether s is an identifier that needs no quotes.
func isBareWord(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '$' && i > 0 || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}

// sqlTokens splits SQL text of dialect d into tokens: quoted strings and
// identifiers (with their quotes; on SQLite also [name] and `name`),
// words, numbers, and single punctuation characters (two for the
// operators ||, <=, >=, <>, !=, ==, <<, >>). Whitespace and comments
// separate tokens and are dropped. An unterminated quote runs to the end
// of the text.
func sqlTokens(d schema.Dialect, s string) []string {
	lite := d == schema.SQLite
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && strings.HasPrefix(s[i:], "--"):
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += end + 4
			}
		case c == '\'' || c == '"' || lite && (c == '`' || c == '['):
			closer := c
			if c == '[' {
				closer = ']'
			}
			j := i + 1
			for j < len(s) {
				if s[j] == closer {
					if closer != ']' && j+1 < len(s) && s[j+1] == closer {
						j += 2
						continue
					}
					break
				}
				j++
			}
			end := min(j+1, len(s))
			out = append(out, s[i:end])
			i = end
		case c == '_' || c >= 0x80 || c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z':
			j := i + 1
			for j < len(s) {
				d := s[j]
				if d == '_' || d == '$' || d == '.' && c >= '0' && c <= '9' || d >= 0x80 || d >= '0' && d <= '9' || d|0x20 >= 'a' && d|0x20 <= 'z' {
					j++
					continue
				}
				break
			}
			out = append(out, s[i:j])
			i = j
		default:
			if i+1 < len(s) {
				switch s[i : i+2] {
				case "||", "<=", ">=", "<>", "!=", "==", "<<", ">>":
					out = append(out, s[i:i+2])
					i += 2
					continue
				}
			}
			out = append(out, s[i:i+1])
			i++
		}
	}
	return out
}

// typeEqualOn reports whether two column types are the same on dialect d.
// PostgreSQL's catalog spells each type one way, so equal values are the
// test. SQLite keeps the declared spelling, and the standard's names of
// VARCHAR (CHARACTER VARYING, VARYING CHARACTER, NVARCHAR, NATIONAL
// VARYING CHARACTER) declare the same column: TEXT affinity, the same
// length.
func typeEqualOn(d schema.Dialect, a, b schema.Type) bool {
	if a.Equal(b) {
		return true
	}
	if d != schema.SQLite {
		return false
	}
	return sqliteTypeKey(a).Equal(sqliteTypeKey(b))
}

// varcharSynonyms are SQLite spellings of VARCHAR, upper-cased and with
// single spaces.
var varcharSynonyms = []string{"NATIONAL VARYING CHARACTER", "CHARACTER VARYING", "VARYING CHARACTER", "NVARCHAR"}

// sqliteTypeKey maps a native SQLite type spelled with a synonym of
// VARCHAR to the VARCHAR type it declares; other types are returned as
// they are.
func sqliteTypeKey(t schema.Type) schema.Type {
	s, ok := t.Native[schema.SQLite]
	if t.Kind != schema.KindNative || !ok {
		return t
	}
	norm := strings.ToUpper(strings.Join(strings.Fields(s), " "))
	for _, syn := range varcharSynonyms {
		if rest, ok := strings.CutPrefix(norm, syn); ok && (rest == "" || strings.HasPrefix(strings.TrimSpace(rest), "(")) {
			return schema.ParseType(schema.SQLite, "VARCHAR"+rest)
		}
	}
	return t
}
