package diff

import (
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// pgUsing returns the USING expression of a PostgreSQL type change of
// column from old to new: none when PostgreSQL converts the values by
// itself (an assignment cast: between numbers, to a string type, among
// dates and timestamps, between json and jsonb, a length or precision
// change), otherwise an explicit cast of the column: direct where
// PostgreSQL has one (see directCast), through text otherwise. Values the
// cast cannot convert make the migration fail and roll back; the type
// change is flagged as a hazard either way.
func (c *comparer) pgUsing(column string, old, new schema.Type) string {
	from, to := baseType(c.from, old), baseType(c.to, new)
	if stringLike(to) || assignmentCast(from, to) {
		return ""
	}
	if from.Kind == schema.KindNative && to.Kind == schema.KindNative {
		return "" // two spellings autogen cannot see into: PostgreSQL decides
	}
	target, err := new.Render(schema.Postgres, c.to.Lookup())
	if err != nil {
		return ""
	}
	col := schema.QuoteIdent(schema.Postgres, column)
	if directCast(from, to) {
		return col + "::" + target
	}
	return col + "::text::" + target
}

// stringLike reports whether t is a string type, as a kind or as a native
// spelling (citext, character varying(n), …): every type converts to one
// by assignment, and USING would make an explicit cast, which cuts a value
// too long for a varchar(n) where the assignment fails.
func stringLike(t schema.Type) bool {
	if t.Kind != schema.KindNative {
		return castFamilies[t.Kind] == 2
	}
	spelling := strings.ToLower(strings.TrimSpace(t.Native.Name(schema.Postgres)))
	for _, p := range []string{"text", "varchar", "character", "char", "bpchar", "name", "citext"} {
		if strings.HasPrefix(spelling, p) {
			return true
		}
	}
	return false
}

// directCast reports whether PostgreSQL has an explicit cast from type
// from to type to that converts values as their text would: from a string
// type (its text is read as the new type's input), and among numbers and
// booleans. Other changes go through text (an integer to jsonb, an enum to
// another enum), which every type can be written as.
func directCast(from, to schema.Type) bool {
	if elemKind(from) == schema.KindEnum || elemKind(to) == schema.KindEnum {
		return false
	}
	if castFamilies[from.Kind] == 2 {
		return true
	}
	numberOrBool := func(t schema.Type) bool { return castFamilies[t.Kind] == 1 || t.Kind == schema.KindBoolean }
	return numberOrBool(from) && numberOrBool(to)
}

// baseType resolves a domain type of s to its base type.
func baseType(s *schema.Schema, t schema.Type) schema.Type {
	for range 10 { // domains over domains, with a bound against a cycle
		if t.Kind != schema.KindDomain {
			return t
		}
		d := s.Domain(t.Domain)
		if d == nil {
			d = unmanagedDomain(s, t.Domain)
		}
		if d == nil {
			return t
		}
		t = d.Type
	}
	return t
}

// elemKind is the kind of t, or of its elements for an array.
func elemKind(t schema.Type) schema.TypeKind {
	if t.Kind == schema.KindArray && t.Elem != nil {
		return t.Elem.Kind
	}
	return t.Kind
}

// castFamilies group the kinds PostgreSQL converts among by assignment.
var castFamilies = map[schema.TypeKind]int{
	schema.KindSmallInt: 1, schema.KindInteger: 1, schema.KindBigInt: 1,
	schema.KindNumeric: 1, schema.KindFloat: 1, schema.KindReal: 1,
	schema.KindText: 2, schema.KindVarchar: 2, schema.KindChar: 2,
	schema.KindDate: 3, schema.KindTimestamp: 3, schema.KindTimestampTZ: 3,
	schema.KindJSON: 4, schema.KindJSONText: 4,
}

// assignmentCast reports whether PostgreSQL converts a column of type from
// to type to without a USING expression.
func assignmentCast(from, to schema.Type) bool {
	switch {
	case castFamilies[to.Kind] == 2:
		return true // every type converts to a string type
	case from.Kind == schema.KindArray && to.Kind == schema.KindArray:
		if from.Elem == nil || to.Elem == nil {
			return true
		}
		return assignmentCast(*from.Elem, *to.Elem)
	case from.Kind == to.Kind:
		return from.Kind != schema.KindEnum || from.Enum == to.Enum
	}
	f := castFamilies[from.Kind]
	return f != 0 && f == castFamilies[to.Kind]
}
