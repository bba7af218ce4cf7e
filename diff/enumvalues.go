package diff

import (
	"strings"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// commitAddedValues moves the enum values a PostgreSQL migration adds and
// also uses (a default, a CHECK or a predicate naming the value) into one
// Autocommit block, in the place of the first of them. PostgreSQL refuses
// to use a value added in the same transaction ("unsafe use of new value"),
// so the value must be committed first. Values added and not used stay in
// the transaction, which keeps the migration atomic.
//
// A use is found in the other operations' SQL: the value as a string
// literal ('PAUSED') or as an element of an array literal ('{PAUSED}').
// An unrelated literal that happens to equal the value also counts, which
// costs nothing but the transaction around the addition.
func commitAddedValues(d schema.Dialect, ops []migrations.Operation) []migrations.Operation {
	if d != schema.Postgres {
		return ops
	}
	var literals []string
	for _, op := range ops {
		if _, ok := op.(migrations.AddEnumValue); ok {
			continue
		}
		stmts, err := migrations.Statements(d, op, nil)
		if err != nil {
			continue // a Run or an incomplete operation: no SQL to search
		}
		for _, s := range stmts {
			literals = append(literals, stringLiterals(s)...)
		}
	}
	var used []migrations.Operation
	moved := map[int]bool{}
	for i, op := range ops {
		if v, ok := op.(migrations.AddEnumValue); ok && literalUses(literals, v.Value) {
			used = append(used, op)
			moved[i] = true
		}
	}
	if len(used) == 0 {
		return ops
	}
	out := make([]migrations.Operation, 0, len(ops)-len(used)+1)
	placed := false
	for i, op := range ops {
		switch {
		case !moved[i]:
			out = append(out, op)
		case !placed:
			out = append(out, migrations.Autocommit{Ops: used})
			placed = true
		}
	}
	return out
}

// stringLiterals returns the text of each single-quoted literal in a SQL
// statement, with doubled quotes undone; quoted identifiers ("it's") are
// passed over.
func stringLiterals(stmt string) []string {
	var out []string
	for i := 0; i < len(stmt); i++ {
		q := stmt[i]
		if q != '\'' && q != '"' {
			continue
		}
		var b strings.Builder
		for i++; i < len(stmt); i++ {
			if stmt[i] == q {
				if i+1 < len(stmt) && stmt[i+1] == q {
					b.WriteByte(q)
					i++
					continue
				}
				break
			}
			b.WriteByte(stmt[i])
		}
		if q == '\'' {
			out = append(out, b.String())
		}
	}
	return out
}

// literalUses reports whether one of the literals is value, or an array
// literal with value among its elements.
func literalUses(literals []string, value string) bool {
	for _, lit := range literals {
		if lit == value {
			return true
		}
		if len(lit) >= 2 && lit[0] == '{' && lit[len(lit)-1] == '}' {
			for _, el := range strings.Split(lit[1:len(lit)-1], ",") {
				el = strings.TrimSpace(el)
				if len(el) >= 2 && el[0] == '"' && el[len(el)-1] == '"' {
					el = strings.ReplaceAll(el[1:len(el)-1], `\"`, `"`)
				}
				if el == value {
					return true
				}
			}
		}
	}
	return false
}
