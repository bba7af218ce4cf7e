package diff

import (
	"fmt"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// ObjectKind is the kind of object (or part of one) the filter is asked
// about.
type ObjectKind string

// Object kinds.
const (
	ObjExtension      ObjectKind = "extension"
	ObjEnum           ObjectKind = "enum"
	ObjTable          ObjectKind = "table"
	ObjTableComment   ObjectKind = "table_comment"
	ObjColumn         ObjectKind = "column"
	ObjColumnType     ObjectKind = "column_type"
	ObjColumnNullable ObjectKind = "column_nullable"
	ObjColumnDefault  ObjectKind = "column_default"
	ObjColumnComment  ObjectKind = "column_comment"
	ObjPrimaryKey     ObjectKind = "primary_key"
	ObjIndex          ObjectKind = "index"
	ObjUnique         ObjectKind = "unique"
	ObjCheck          ObjectKind = "check"
	ObjForeignKey     ObjectKind = "foreign_key"
	ObjSequence       ObjectKind = "sequence"
	ObjDomain         ObjectKind = "domain"
	// ObjColumnIdentity and ObjColumnCollation are a column's identity and
	// collation; ObjPartitionKey is a table's partition key.
	ObjColumnIdentity  ObjectKind = "column_identity"
	ObjColumnCollation ObjectKind = "column_collation"
	ObjPartitionKey    ObjectKind = "partition_key"
)

// Object is a candidate for comparison: an object present on one side or
// both, or one aspect of a column that differs.
type Object struct {
	Kind    ObjectKind
	Dialect schema.Dialect
	Table   string // the table, for table-level objects
	Name    string
	// Current is the object in the current schema (the database or chain
	// head), nil when absent; Desired the object in the desired (model)
	// schema, nil when absent. Their types follow Kind: *schema.Table,
	// *schema.Column, *schema.Index, *schema.Enum, and so on.
	Current, Desired any
	// Model is the model's own declaration, when the model has one: for a
	// column or index it is the object as the user wrote it, before it
	// was narrowed to the dialect (an enum column is still an enum on
	// SQLite here).
	Model any
}

func (o Object) describe() string {
	switch {
	case o.Table != "" && o.Name != "" && o.Table != o.Name:
		return fmt.Sprintf("%s %q.%q (%s)", o.Kind, o.Table, o.Name, o.Dialect)
	case o.Name != "":
		return fmt.Sprintf("%s %q (%s)", o.Kind, o.Name, o.Dialect)
	}
	return fmt.Sprintf("%s on %q (%s)", o.Kind, o.Table, o.Dialect)
}

// Rule is one include-object rule: when Skip returns true the object is
// not compared, and --explain lists it under the rule's name.
type Rule struct {
	Name string
	// Doc says in one sentence what the rule skips and why.
	Doc  string
	Skip func(Object) bool
}

// Skipped records an object a rule kept out of the comparison: one that
// differs between the two sides (or is on one side only) and would have
// been reported but for the rule. Objects that are the same on both sides
// are never asked about, so they are never listed.
type Skipped struct {
	// Object describes the object for people, e.g.
	// `index "flow"."trgm_ix_flow_name" (sqlite)`.
	Object string `json:"object"`
	// Rule is the name of the first rule that skipped it.
	Rule  string     `json:"rule"`
	Kind  ObjectKind `json:"kind"`
	Table string     `json:"table,omitempty"`
	Name  string     `json:"name,omitempty"`
}

// Filter is the include-object filter: an ordered list of rules. The zero
// Filter compares everything.
type Filter struct {
	Rules []Rule
}

func (f *Filter) drop(o Object) (string, bool) {
	for _, r := range f.Rules {
		if r.Skip(o) {
			return r.Name, true
		}
	}
	return "", false
}

// Without returns a copy of f without the named rules.
func (f Filter) Without(names ...string) Filter {
	var out Filter
	for _, r := range f.Rules {
		keep := true
		for _, n := range names {
			if r.Name == n {
				keep = false
			}
		}
		if keep {
			out.Rules = append(out.Rules, r)
		}
	}
	return out
}

// With returns a copy of f with rules appended.
func (f Filter) With(rules ...Rule) Filter {
	out := Filter{Rules: append([]Rule(nil), f.Rules...)}
	out.Rules = append(out.Rules, rules...)
	return out
}

// Names of the default rules.
const (
	RuleOtherDialect   = "other-dialect-index"
	RuleSQLiteGIN      = "sqlite-gin-and-hand-made"
	RuleFunctionalSort = "asc-desc-variants"
	RuleSQLiteEnum     = "sqlite-enum-varchar"
)

// DefaultFilter is the filter Prefect's migration environment uses, as
// four rules that can each be switched off with Without.
func DefaultFilter() Filter {
	return Filter{Rules: []Rule{
		{
			Name: RuleOtherDialect,
			Doc:  "an index the model restricts to other dialects is not compared on this one",
			Skip: func(o Object) bool {
				x, ok := o.Model.(*schema.Index)
				return o.Kind == ObjIndex && ok && !schema.AppliesTo(x.Only, o.Dialect)
			},
		},
		{
			Name: RuleSQLiteGIN,
			Doc:  "on SQLite, GIN/trigram indexes are not compared; reflected indexes named gin* or *case_insensitive (made by hand) are ignored",
			Skip: func(o Object) bool {
				if o.Kind != ObjIndex {
					return false
				}
				if cur, ok := o.Current.(*schema.Index); ok && cur != nil && o.Desired == nil &&
					(strings.HasPrefix(o.Name, "gin") || strings.HasSuffix(o.Name, "case_insensitive")) {
					return true
				}
				if o.Dialect != schema.SQLite {
					return false
				}
				x, ok := o.Model.(*schema.Index)
				return ok && (x.Method == "gin" || strings.HasPrefix(x.Name, "trgm_") || hasOpclass(x, "gin_trgm_ops"))
			},
		},
		{
			Name: RuleFunctionalSort,
			Doc:  "functional index variants named *_asc / *_desc are not re-created when an index of that name already exists",
			Skip: func(o Object) bool {
				if o.Kind != ObjIndex || o.Current == nil || o.Desired == nil {
					return false
				}
				cur, ok1 := o.Current.(*schema.Index)
				want, ok2 := o.Desired.(*schema.Index)
				return ok1 && ok2 && cur != nil && want != nil && want.HasExpr() &&
					(strings.HasSuffix(o.Name, "_asc") || strings.HasSuffix(o.Name, "_desc"))
			},
		},
		{
			Name: RuleSQLiteEnum,
			Doc:  "on SQLite, a model enum column whose reflected type is a plain VARCHAR is not reported as a type change",
			Skip: func(o Object) bool {
				if o.Kind != ObjColumnType || o.Dialect != schema.SQLite {
					return false
				}
				m, ok := o.Model.(*schema.Column)
				cur, ok2 := o.Current.(*schema.Column)
				return ok && ok2 && m != nil && cur != nil && m.Type.Kind == schema.KindEnum &&
					(cur.Type.Kind == schema.KindVarchar || cur.Type.Kind == schema.KindText)
			},
		},
	}}
}

func hasOpclass(x *schema.Index, opclass string) bool {
	for _, k := range x.Keys {
		if k.Opclass == opclass {
			return true
		}
	}
	return false
}
