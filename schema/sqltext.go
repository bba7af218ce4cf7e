package schema

import "strings"

// QuoteIdent quotes an identifier for dialect d. autogen quotes every
// identifier it writes, so no name can change the meaning of a statement.
// Both dialects use double quotes, doubling any inside.
func QuoteIdent(d Dialect, name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteString quotes a string literal, doubling single quotes. Both
// dialects treat backslashes literally in standard strings.
func QuoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

func (t Type) isNumeric() bool {
	switch t.Kind {
	case KindInteger, KindBigInt, KindSmallInt, KindFloat, KindReal, KindNumeric:
		return true
	}
	return false
}
