package schema

import (
	"fmt"
	"strings"
)

// Well-known server defaults.
var (
	// Now is the current timestamp: now() on PostgreSQL, CURRENT_TIMESTAMP
	// on SQLite.
	Now = Default{Kind: DefaultNow}
	// GenerateUUID is a random (version 4) UUID: gen_random_uuid() on
	// PostgreSQL, a randomblob expression on SQLite.
	GenerateUUID = Default{Kind: DefaultUUID}
	// True and False are boolean literals: true/false on PostgreSQL, 1/0 on
	// SQLite.
	True  = Default{Kind: DefaultBool, Value: "true"}
	False = Default{Kind: DefaultBool, Value: "false"}
)

// StringDefault is a string literal default (quoted when rendered).
func StringDefault(v string) Default { return Default{Kind: DefaultString, Value: v} }

// NumberDefault is a numeric literal default, such as "0" or "-1.5".
func NumberDefault(v string) Default { return Default{Kind: DefaultNumber, Value: v} }

// ExprDefault is a default given as SQL text, per dialect where needed.
func ExprDefault(sql SQL) Default { return Default{Kind: DefaultExpr, SQL: sql} }

// NextVal is a default that draws from the named sequence (PostgreSQL's
// nextval); the schema declares the sequence in Sequences.
func NextVal(sequence string) Default { return Default{Kind: DefaultSequence, Value: sequence} }

// IsZero reports whether d is "no default".
func (d Default) IsZero() bool { return d.Kind == "" }

// On returns a copy of d that renders as text on dialect x.
func (d Default) On(x Dialect, text string) Default {
	d.SQL = d.SQL.On(x, text)
	return d
}

// SQLiteGenerateUUID is the SQLite expression for a random version-4 UUID in
// its hyphenated text form, as stored in a CHAR(36) column.
const SQLiteGenerateUUID = "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || " +
	"substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', abs(random()) % 4 + 1, 1) || " +
	"substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"

// Render renders d as the expression after DEFAULT in dialect x. An expression
// is returned as written; the DDL writer adds the parentheses SQLite needs.
func (d Default) Render(x Dialect) (string, error) {
	if s, ok := d.SQL.For(x); ok && d.Kind != DefaultExpr {
		return s, nil
	}
	switch d.Kind {
	case DefaultString:
		return QuoteString(d.Value), nil
	case DefaultNumber:
		return d.Value, nil
	case DefaultBool:
		b := strings.EqualFold(d.Value, "true") || d.Value == "1"
		switch {
		case x == SQLite && b:
			return "1", nil
		case x == SQLite:
			return "0", nil
		case b:
			return "true", nil
		}
		return "false", nil
	case DefaultNow:
		if x == SQLite {
			return "CURRENT_TIMESTAMP", nil
		}
		return "now()", nil
	case DefaultUUID:
		if x == SQLite {
			return SQLiteGenerateUUID, nil
		}
		return "gen_random_uuid()", nil
	case DefaultExpr:
		if s, ok := d.SQL.For(x); ok {
			return s, nil
		}
		return "", fmt.Errorf("default expression %s has no %s form", d.SQL.describe(), x.Title())
	case DefaultSequence:
		if x == Postgres {
			return "nextval(" + QuoteString(QuoteIdent(Postgres, d.Value)) + "::regclass)", nil
		}
		return "", fmt.Errorf("a default drawn from sequence %q has no %s form (sequences are PostgreSQL's); narrow the schema to %s first, which drops it", d.Value, x.Title(), x.Title())
	}
	return "", fmt.Errorf("unknown default kind %q", d.Kind)
}

// IsExpr reports whether d renders as an expression (which SQLite needs in
// parentheses) rather than a literal or keyword.
func (d Default) IsExpr(x Dialect) bool {
	switch d.Kind {
	case DefaultString, DefaultNumber, DefaultBool:
		_, overridden := d.SQL.For(x)
		return overridden
	case DefaultNow:
		_, overridden := d.SQL.For(x)
		return overridden || x == Postgres
	}
	return true
}

// Equal reports whether a and b are the same default.
func (a Default) Equal(b Default) bool {
	if a.Kind != b.Kind || a.Value != b.Value || len(a.SQL) != len(b.SQL) {
		return false
	}
	for k, v := range a.SQL {
		if w, ok := b.SQL[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// ParseDefault maps a default expression as dialect x's catalog spells it
// (pg_get_expr on PostgreSQL, the column's dflt_value on SQLite) to a
// Default, for a column of type t. Well-known spellings become portable
// defaults (now(), CURRENT_TIMESTAMP, gen_random_uuid(), quoted literals,
// numbers, booleans); anything else is kept as an expression of dialect x.
func ParseDefault(x Dialect, text string, t Type) Default {
	s := strings.TrimSpace(text)
	if x == SQLite {
		s = stripParens(s)
	}
	if s == "" || strings.EqualFold(s, "null") {
		// DEFAULT NULL is the same as no default.
		return Default{}
	}
	expr := ExprDefault(SQL{x: s})
	body := s
	if x == Postgres {
		body = stripPostgresCast(s)
		if strings.EqualFold(body, "null") {
			return Default{}
		}
	}
	switch lower := strings.ToLower(body); {
	case lower == "now()" || lower == "current_timestamp":
		if t.Kind == KindTimestamp || t.Kind == KindTimestampTZ {
			return Now
		}
		return expr
	case x == Postgres && lower == "gen_random_uuid()":
		return GenerateUUID
	case x == SQLite && compactSQL(body) == compactSQL(SQLiteGenerateUUID):
		return GenerateUUID
	case x == Postgres && strings.HasPrefix(lower, "nextval("):
		if name, ok := parseNextVal(body); ok {
			return NextVal(name)
		}
		return expr
	case lower == "true" || lower == "false":
		if t.Kind == KindBoolean {
			return Default{Kind: DefaultBool, Value: lower}
		}
		return expr
	}
	if lit, ok := unquoteString(body); ok {
		if t.Kind == KindBoolean && x == SQLite && (lit == "0" || lit == "1") {
			return boolFromDigit(lit)
		}
		if x == Postgres && body != s && !castMatchesType(s, t) {
			// A literal cast to some other type: keep it as written.
			return expr
		}
		if t.isNumeric() && isNumber(lit) {
			return NumberDefault(lit)
		}
		return StringDefault(lit)
	}
	if isNumber(body) {
		if t.Kind == KindBoolean && (body == "0" || body == "1") {
			return boolFromDigit(body)
		}
		if x == Postgres && body != s && !castMatchesType(s, t) {
			return expr
		}
		return NumberDefault(body)
	}
	return expr
}

// parseNextVal reads the sequence name from PostgreSQL's deparsed
// nextval('name'::regclass), where name is an identifier quoted as needed.
func parseNextVal(s string) (string, bool) {
	inner, ok := strings.CutPrefix(s, "nextval(")
	if !ok || !strings.HasSuffix(inner, ")") {
		return "", false
	}
	inner = strings.TrimSuffix(inner, ")")
	inner, ok = strings.CutSuffix(inner, "::regclass")
	if !ok {
		return "", false
	}
	lit, ok := unquoteString(inner)
	if !ok || lit == "" || strings.Contains(lit, ".") && !strings.HasPrefix(lit, `"`) {
		return "", false // schema-qualified: kept as written
	}
	if lit[0] == '"' {
		if len(lit) < 2 || lit[len(lit)-1] != '"' {
			return "", false
		}
		name := lit[1 : len(lit)-1]
		if strings.Contains(strings.ReplaceAll(name, `""`, ""), `"`) {
			return "", false
		}
		return strings.ReplaceAll(name, `""`, `"`), true
	}
	return lit, true
}

func boolFromDigit(s string) Default {
	if s == "1" {
		return True
	}
	return False
}

// stripParens removes redundant parentheses around a whole expression.
func stripParens(s string) string {
	for len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' && matchingParen(s) == len(s)-1 {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// matchingParen returns the index of the parenthesis closing s[0], skipping
// quoted text, or -1.
func matchingParen(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// stripPostgresCast removes one trailing ::type cast (and the parentheses
// PostgreSQL puts around a negative number) from a deparsed default.
func stripPostgresCast(s string) string {
	i := lastTopLevelCast(s)
	if i < 0 {
		return s
	}
	return stripParens(strings.TrimSpace(s[:i]))
}

// lastTopLevelCast finds the last "::" outside quotes and parentheses.
func lastTopLevelCast(s string) int {
	depth, at := 0, -1
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ':' && depth == 0 && i+1 < len(s) && s[i+1] == ':':
			at = i
			i++
		}
	}
	return at
}

// castMatchesType reports whether the cast at the end of a PostgreSQL
// default names the column's own type (which PostgreSQL adds by itself).
func castMatchesType(s string, t Type) bool {
	cast := strings.TrimSpace(s[lastTopLevelCast(s)+2:])
	want, err := t.postgres()
	if err != nil {
		return false
	}
	if strings.Trim(cast, `"`) == strings.Trim(want, `"`) || castAliases[cast] == t.Kind {
		return true
	}
	// A string literal of any character type in a character column is the
	// same value: DEFAULT 'x'::text on a varchar column stores 'x'.
	return textKinds[castAliases[cast]] && textKinds[t.Kind]
}

// textKinds are the character types, between which a string literal keeps
// its value.
var textKinds = map[TypeKind]bool{KindText: true, KindVarchar: true, KindChar: true}

// castAliases are casts PostgreSQL writes for literals of these kinds that
// differ from the column's format_type spelling.
var castAliases = map[string]TypeKind{
	"character varying": KindVarchar,
	"bpchar":            KindChar,
	"text":              KindText,
	"numeric":           KindNumeric,
	"integer":           KindInteger,
	"bigint":            KindBigInt,
	"smallint":          KindSmallInt,
	"double precision":  KindFloat,
	"real":              KindReal,
	"jsonb":             KindJSON,
	"json":              KindJSONText,
	"interval":          KindInterval,
	"date":              KindDate,
	"bytea":             KindBytes,
}

func unquoteString(s string) (string, bool) {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return "", false
	}
	inner := s[1 : len(s)-1]
	// Every quote inside must be doubled.
	var b strings.Builder
	for i := 0; i < len(inner); i++ {
		if inner[i] == '\'' {
			if i+1 >= len(inner) || inner[i+1] != '\'' {
				return "", false
			}
			i++
		}
		b.WriteByte(inner[i])
	}
	return b.String(), true
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '-' || s[0] == '+' {
		s = s[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// compactSQL removes all whitespace and lower-cases, for comparing
// expressions that differ only in layout.
func compactSQL(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}
