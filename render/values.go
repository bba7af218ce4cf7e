package render

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/dave/jennifer/jen"

	"github.com/autogen-dev/autogen/schema"
)

// Import paths of the packages generated code uses.
const (
	schemaPath     = "github.com/autogen-dev/autogen/schema"
	migrationsPath = "github.com/autogen-dev/autogen/migrations"
)

// gen renders schema values as Go expressions that read like hand-written
// code: the package's helpers (schema.Varchar(20), schema.Now,
// schema.Expr(...)) where they produce exactly the value, keyed composite
// literals with zero fields left out otherwise.
type gen struct {
	// dialect is the dialect a migration file is for; on SQLite enum types
	// become VARCHARs. Empty for a schema file, which is rendered as given.
	dialect schema.Dialect
	enums   schema.EnumLookup
	// usesSchema records whether any rendered code refers to package schema,
	// so that a migration file imports it only when needed.
	usesSchema bool
}

// lit is a rendered expression and whether it spans several lines; a
// composite literal with a multi-line part is itself laid out one field
// per line.
type lit struct {
	code  jen.Code
	multi bool
}

func (g *gen) sch(name string) *jen.Statement {
	g.usesSchema = true
	return jen.Qual(schemaPath, name)
}

func mig(name string) *jen.Statement { return jen.Qual(migrationsPath, name) }

// fields collects the key: value pairs of a composite literal.
type fields struct {
	items []jen.Code
	multi bool
}

func (fs *fields) add(name string, v lit) {
	fs.items = append(fs.items, jen.Id(name).Op(":").Add(v.code))
	fs.multi = fs.multi || v.multi
}

func (fs *fields) str(name, v string) {
	if v != "" {
		fs.add(name, goString(v))
	}
}

func (fs *fields) flag(name string, v bool) {
	if v {
		fs.add(name, lit{code: jen.True()})
	}
}

func (fs *fields) num(name string, v int) {
	if v != 0 {
		fs.add(name, lit{code: jen.Lit(v)})
	}
}

// strs adds a string list; nil is left out, an empty list is kept (the
// model's JSON tells an empty list from a missing one).
func (fs *fields) strs(name string, v []string) {
	if v != nil {
		fs.add(name, strList(v))
	}
}

var multiBraces = jen.Options{Open: "{", Close: "}", Separator: ",", Multi: true}

// braces renders items between braces, one per line when multi.
func braces(items []jen.Code, multi bool) jen.Code {
	if multi {
		return jen.Custom(multiBraces, items...)
	}
	return jen.Values(items...)
}

// litForm says how a composite literal is introduced.
type litForm int

const (
	elided  litForm = iota // {...}, inside a slice whose element type says it
	pointer                // &schema.T{...}
	value                  // schema.T{...}
)

// composite renders a literal of schema type typ with fields fs; forceMulti
// lays it out one field per line whatever its contents.
func (g *gen) composite(typ string, form litForm, fs fields, forceMulti bool) lit {
	multi := forceMulti || fs.multi
	body := braces(fs.items, multi)
	switch form {
	case pointer:
		return lit{code: jen.Op("&").Add(g.sch(typ)).Add(body), multi: multi}
	case value:
		return lit{code: g.sch(typ).Add(body), multi: multi}
	}
	return lit{code: body, multi: multi}
}

// list renders a slice literal of element type elem; one element per line
// when multi or when an element spans several lines.
func list(elem jen.Code, items []lit, multi bool) lit {
	codes := make([]jen.Code, len(items))
	for i, it := range items {
		codes[i] = it.code
		multi = multi || it.multi
	}
	return lit{code: jen.Index().Add(elem).Add(braces(codes, multi)), multi: multi}
}

func strList(ss []string) lit {
	items := make([]lit, len(ss))
	for i, s := range ss {
		items[i] = goString(s)
	}
	return list(jen.String(), items, false)
}

// dialectLit renders a dialect as its constant where it has one.
func (g *gen) dialectLit(d schema.Dialect) jen.Code {
	if name, err := dialectConst(d); err == nil {
		return g.sch(name)
	}
	return g.sch("Dialect").Call(jen.Lit(string(d)))
}

// sqlKeys returns the dialects of s in a fixed order: the common text,
// PostgreSQL, SQLite, then any others by name.
func sqlKeys(s schema.SQL) []schema.Dialect {
	var keys []schema.Dialect
	for _, d := range append([]schema.Dialect{""}, schema.Dialects...) {
		if _, ok := s[d]; ok {
			keys = append(keys, d)
		}
	}
	var rest []schema.Dialect
	for d := range s {
		if d != "" && !d.Valid() {
			rest = append(rest, d)
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}

// sql renders SQL text: schema.Expr("...") for common text, with .On(...)
// for per-dialect overrides, or schema.SQL{schema.Postgres: ..., ...} when
// there is no common text. A nil SQL renders as nil.
func (g *gen) sql(s schema.SQL) lit { return g.perDialect("Expr", s, true) }

// perDialect renders per-dialect text whose common form the schema helper
// named common makes (schema.Expr for SQL, schema.Collate for collation
// names); see sql. A literal for several dialects takes a line for each
// when long is set (SQL text), one line otherwise (names).
func (g *gen) perDialect(common string, s schema.SQL, long bool) lit {
	if s == nil {
		return lit{code: jen.Nil()}
	}
	keys := sqlKeys(s)
	if text, ok := s[""]; ok {
		text := goString(text)
		e, multi := g.sch(common).Call(text.code), text.multi
		for _, d := range keys[1:] {
			v := goString(s[d])
			e = e.Dot("On").Call(g.dialectLit(d), v.code)
			multi = multi || v.multi
		}
		return lit{code: e, multi: multi}
	}
	var fs fields
	for _, d := range keys {
		v := goString(s[d])
		fs.items = append(fs.items, jen.Add(g.dialectLit(d)).Op(":").Add(v.code))
		fs.multi = fs.multi || v.multi
	}
	return g.composite("SQL", value, fs, long && len(keys) > 1)
}

// sqlField adds SQL text under name unless it is nil.
func (g *gen) sqlField(fs *fields, name string, s schema.SQL) {
	if s != nil {
		fs.add(name, g.sql(s))
	}
}

// collationField adds a collation under "Collation" unless it is nil:
// schema.Collate("C") for every dialect, schema.SQL{schema.SQLite:
// "NOCASE"} per dialect.
func (g *gen) collationField(fs *fields, s schema.SQL) {
	if s != nil {
		fs.add("Collation", g.perDialect("Collate", s, false))
	}
}

// Helpers of package schema for types that have no parameters.
var plainTypes = map[schema.TypeKind]string{
	schema.KindInteger:     "Integer",
	schema.KindBigInt:      "BigInt",
	schema.KindSmallInt:    "SmallInt",
	schema.KindText:        "Text",
	schema.KindVarchar:     "String",
	schema.KindBoolean:     "Boolean",
	schema.KindFloat:       "Float",
	schema.KindReal:        "Real",
	schema.KindUUID:        "UUID",
	schema.KindJSON:        "JSON",
	schema.KindJSONText:    "JSONText",
	schema.KindTimestamp:   "Timestamp",
	schema.KindTimestampTZ: "TimestampTZ",
	schema.KindDate:        "Date",
	schema.KindTime:        "Time",
	schema.KindInterval:    "Interval",
	schema.KindBytes:       "Bytes",
}

// Names of the TypeKind constants, for types only a literal can express.
var typeKindNames = map[schema.TypeKind]string{
	schema.KindInteger:     "KindInteger",
	schema.KindBigInt:      "KindBigInt",
	schema.KindSmallInt:    "KindSmallInt",
	schema.KindText:        "KindText",
	schema.KindVarchar:     "KindVarchar",
	schema.KindChar:        "KindChar",
	schema.KindBoolean:     "KindBoolean",
	schema.KindFloat:       "KindFloat",
	schema.KindReal:        "KindReal",
	schema.KindNumeric:     "KindNumeric",
	schema.KindUUID:        "KindUUID",
	schema.KindJSON:        "KindJSON",
	schema.KindJSONText:    "KindJSONText",
	schema.KindTimestamp:   "KindTimestamp",
	schema.KindTimestampTZ: "KindTimestampTZ",
	schema.KindDate:        "KindDate",
	schema.KindTime:        "KindTime",
	schema.KindInterval:    "KindInterval",
	schema.KindBytes:       "KindBytes",
	schema.KindEnum:        "KindEnum",
	schema.KindArray:       "KindArray",
	schema.KindNative:      "KindNative",
	schema.KindDomain:      "KindDomain",
}

// typ renders a column type with the helper that makes it (schema.UUID,
// schema.Varchar(20), schema.ArrayOf(schema.Integer)), or a literal when no
// helper makes exactly this value. On SQLite an enum type becomes
// schema.Varchar(n), n the length of the enum's longest value.
func (g *gen) typ(t schema.Type) (lit, error) {
	if t.Kind == schema.KindEnum && g.dialect == schema.SQLite {
		n, err := g.enumLen(t.Enum)
		if err != nil {
			return lit{}, err
		}
		return lit{code: g.sch("Varchar").Call(jen.Lit(n))}, nil
	}
	// set counts the parameters given; a helper fits only when it sets
	// every one of them.
	set := countTrue(t.Length != 0, t.Precision != 0 || t.Scale != 0, t.Enum != "", t.Elem != nil, t.Native != nil, t.Domain != "")
	switch {
	case plainTypes[t.Kind] != "" && set == 0:
		return lit{code: g.sch(plainTypes[t.Kind])}, nil
	case t.Kind == schema.KindVarchar && t.Length > 0 && set == 1:
		return lit{code: g.sch("Varchar").Call(jen.Lit(t.Length))}, nil
	case t.Kind == schema.KindChar && set == countTrue(t.Length != 0):
		return lit{code: g.sch("Char").Call(jen.Lit(t.Length))}, nil
	case t.Kind == schema.KindNumeric && set == countTrue(t.Precision != 0 || t.Scale != 0):
		return lit{code: g.sch("Numeric").Call(jen.Lit(t.Precision), jen.Lit(t.Scale))}, nil
	case t.Kind == schema.KindEnum && t.Enum != "" && set == 1:
		return lit{code: g.sch("EnumType").Call(goString(t.Enum).code)}, nil
	case t.Kind == schema.KindDomain && t.Domain != "" && set == 1:
		return lit{code: g.sch("DomainType").Call(goString(t.Domain).code)}, nil
	case t.Kind == schema.KindArray && t.Elem != nil && set == 1:
		e, err := g.typ(*t.Elem)
		if err != nil {
			return lit{}, fmt.Errorf("array element: %w", err)
		}
		return lit{code: g.sch("ArrayOf").Call(e.code), multi: e.multi}, nil
	case t.Kind == schema.KindNative && t.Native != nil && set == 1:
		s := g.sql(t.Native)
		return lit{code: g.sch("NativeType").Call(s.code), multi: s.multi}, nil
	}
	return g.typeLiteral(t, value), nil
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// typeLiteral renders t as a schema.Type literal, field by field, for
// types no helper makes; the element of an array is a literal too, since
// Elem is a pointer and a helper's result cannot be addressed.
func (g *gen) typeLiteral(t schema.Type, form litForm) lit {
	var fs fields
	if name, ok := typeKindNames[t.Kind]; ok {
		fs.add("Kind", lit{code: g.sch(name)})
	} else if t.Kind != "" {
		fs.add("Kind", lit{code: g.sch("TypeKind").Call(jen.Lit(string(t.Kind)))})
	}
	fs.num("Length", t.Length)
	fs.num("Precision", t.Precision)
	fs.num("Scale", t.Scale)
	fs.str("Enum", t.Enum)
	fs.str("Domain", t.Domain)
	if t.Elem != nil {
		fs.add("Elem", g.typeLiteral(*t.Elem, pointer))
	}
	g.sqlField(&fs, "Native", t.Native)
	return g.composite("Type", form, fs, false)
}

// enumLen is the length of the longest value of the named enum.
func (g *gen) enumLen(name string) (int, error) {
	if g.enums == nil {
		return 0, fmt.Errorf("enum %q: no enum definitions given (File.Enums is nil)", name)
	}
	e, ok := g.enums(name)
	if !ok || e == nil {
		return 0, fmt.Errorf("enum %q is not defined", name)
	}
	return e.MaxLen(), nil
}

// Names of the DefaultKind constants.
var defaultKindNames = map[schema.DefaultKind]string{
	schema.DefaultString: "DefaultString",
	schema.DefaultNumber: "DefaultNumber",
	schema.DefaultBool:   "DefaultBool",
	schema.DefaultNow:    "DefaultNow",
	schema.DefaultUUID:   "DefaultUUID",
	schema.DefaultExpr:   "DefaultExpr",
	// DefaultSequence has a helper for every value: schema.NextVal.
	schema.DefaultSequence: "DefaultSequence",
}

// dflt renders a server default with its helper (schema.Now,
// schema.StringDefault("x"), schema.ExprDefault(...)) and per-dialect
// overrides as .On(schema.SQLite, "..."), or a literal when no helper
// makes exactly this value.
func (g *gen) dflt(d schema.Default) lit {
	var base *jen.Statement
	switch {
	case d.Kind == schema.DefaultExpr && d.Value == "":
		s := g.sql(d.SQL)
		return lit{code: g.sch("ExprDefault").Call(s.code), multi: s.multi}
	case d.Kind == schema.DefaultNow && d.Value == "":
		base = g.sch("Now")
	case d.Kind == schema.DefaultUUID && d.Value == "":
		base = g.sch("GenerateUUID")
	case d.Kind == schema.DefaultBool && d.Value == "true":
		base = g.sch("True")
	case d.Kind == schema.DefaultBool && d.Value == "false":
		base = g.sch("False")
	case d.Kind == schema.DefaultString:
		base = g.sch("StringDefault").Call(goString(d.Value).code)
	case d.Kind == schema.DefaultNumber:
		base = g.sch("NumberDefault").Call(goString(d.Value).code)
	case d.Kind == schema.DefaultSequence:
		base = g.sch("NextVal").Call(goString(d.Value).code)
	}
	_, common := d.SQL[""]
	overridable := d.SQL == nil || (len(d.SQL) > 0 && !common)
	if base == nil || !overridable {
		return g.defaultLiteral(d)
	}
	multi := false
	for _, x := range sqlKeys(d.SQL) {
		v := goString(d.SQL[x])
		base = base.Dot("On").Call(g.dialectLit(x), v.code)
		multi = multi || v.multi
	}
	return lit{code: base, multi: multi}
}

func (g *gen) defaultLiteral(d schema.Default) lit {
	var fs fields
	if name, ok := defaultKindNames[d.Kind]; ok {
		fs.add("Kind", lit{code: g.sch(name)})
	} else if d.Kind != "" {
		fs.add("Kind", lit{code: g.sch("DefaultKind").Call(jen.Lit(string(d.Kind)))})
	}
	fs.str("Value", d.Value)
	g.sqlField(&fs, "SQL", d.SQL)
	return g.composite("Default", value, fs, false)
}

// isZeroDefault reports whether d is exactly the zero Default, which a
// literal leaves out.
func isZeroDefault(d schema.Default) bool {
	return d.Kind == "" && d.Value == "" && d.SQL == nil
}

// column renders a column on one line (unless a part spans several).
func (g *gen) column(c *schema.Column, form litForm) (lit, error) {
	if c == nil {
		return lit{code: jen.Nil()}, nil
	}
	var fs fields
	fs.str("Name", c.Name)
	if !c.Type.Equal(schema.Type{}) {
		t, err := g.typ(c.Type)
		if err != nil {
			return lit{}, fmt.Errorf("column %q: %w", c.Name, err)
		}
		fs.add("Type", t)
	}
	fs.flag("NotNull", c.NotNull)
	if !isZeroDefault(c.Default) {
		fs.add("Default", g.dflt(c.Default))
	}
	fs.str("Comment", c.Comment)
	fs.str("Identity", c.Identity)
	g.collationField(&fs, c.Collation)
	return g.composite("Column", form, fs, false), nil
}

func (g *gen) primaryKey(pk *schema.PrimaryKey) lit {
	var fs fields
	fs.str("Name", pk.Name)
	fs.strs("Columns", pk.Columns)
	fs.flag("Generated", pk.Generated)
	return g.composite("PrimaryKey", pointer, fs, false)
}

func (g *gen) unique(u *schema.Unique, form litForm) lit {
	if u == nil {
		return lit{code: jen.Nil()}
	}
	var fs fields
	fs.str("Name", u.Name)
	fs.strs("Columns", u.Columns)
	fs.flag("Generated", u.Generated)
	return g.composite("Unique", form, fs, false)
}

func (g *gen) check(c *schema.Check, form litForm) lit {
	if c == nil {
		return lit{code: jen.Nil()}
	}
	var fs fields
	fs.str("Name", c.Name)
	g.sqlField(&fs, "Expr", c.Expr)
	fs.flag("Generated", c.Generated)
	return g.composite("Check", form, fs, false)
}

// Names of the Action constants.
var actionNames = map[schema.Action]string{
	schema.Cascade:    "Cascade",
	schema.SetNull:    "SetNull",
	schema.SetDefault: "SetDefault",
	schema.Restrict:   "Restrict",
}

func (g *gen) action(fs *fields, name string, a schema.Action) {
	switch n, ok := actionNames[a]; {
	case a == schema.NoAction:
	case ok:
		fs.add(name, lit{code: g.sch(n)})
	default:
		fs.add(name, lit{code: g.sch("Action").Call(jen.Lit(string(a)))})
	}
}

func (g *gen) foreignKey(fk *schema.ForeignKey, form litForm) lit {
	if fk == nil {
		return lit{code: jen.Nil()}
	}
	var fs fields
	fs.str("Name", fk.Name)
	fs.strs("Columns", fk.Columns)
	fs.str("RefTable", fk.RefTable)
	fs.strs("RefColumns", fk.RefColumns)
	g.action(&fs, "OnDelete", fk.OnDelete)
	g.action(&fs, "OnUpdate", fk.OnUpdate)
	fs.flag("Deferrable", fk.Deferrable)
	fs.flag("InitiallyDeferred", fk.InitiallyDeferred)
	fs.flag("Generated", fk.Generated)
	return g.composite("ForeignKey", form, fs, false)
}

// only adds a dialect restriction unless it is nil.
func (g *gen) only(fs *fields, ds []schema.Dialect) {
	if ds == nil {
		return
	}
	items := make([]lit, len(ds))
	for i, d := range ds {
		items[i] = lit{code: g.dialectLit(d)}
	}
	fs.add("Only", list(g.sch("Dialect"), items, false))
}

func (g *gen) indexKey(k schema.IndexKey) lit {
	var fs fields
	fs.str("Column", k.Column)
	g.sqlField(&fs, "Expr", k.Expr)
	fs.flag("Desc", k.Desc)
	fs.str("Opclass", k.Opclass)
	g.collationField(&fs, k.Collation)
	fs.str("Nulls", k.Nulls)
	return g.composite("IndexKey", elided, fs, false)
}

func (g *gen) index(x *schema.Index, form litForm) lit {
	if x == nil {
		return lit{code: jen.Nil()}
	}
	var fs fields
	fs.str("Name", x.Name)
	if x.Keys != nil {
		keys := make([]lit, len(x.Keys))
		for i, k := range x.Keys {
			keys[i] = g.indexKey(k)
		}
		fs.add("Keys", list(g.sch("IndexKey"), keys, false))
	}
	fs.flag("Unique", x.Unique)
	g.sqlField(&fs, "Where", x.Where)
	fs.strs("Include", x.Include)
	fs.str("Method", x.Method)
	fs.flag("NullsNotDistinct", x.NullsNotDistinct)
	g.only(&fs, x.Only)
	fs.flag("Generated", x.Generated)
	return g.composite("Index", form, fs, false)
}

func (g *gen) enum(e *schema.Enum, form litForm) lit {
	if e == nil {
		return lit{code: jen.Nil()}
	}
	var fs fields
	fs.str("Name", e.Name)
	fs.strs("Values", e.Values)
	fs.flag("SQLiteCheck", e.SQLiteCheck)
	return g.composite("Enum", form, fs, false)
}

// typeField adds a type under Type unless it is the zero Type; a type no
// helper can write here (an enum in a SQLite file) is written literally.
func (g *gen) typeField(fs *fields, t schema.Type) {
	if t.Equal(schema.Type{}) {
		return
	}
	v, err := g.typ(t)
	if err != nil {
		v = g.typeLiteral(t, value)
	}
	fs.add("Type", v)
}

// sequence renders a sequence on one line.
func (g *gen) sequence(q *schema.Sequence, form litForm) lit {
	if q == nil {
		return lit{code: jen.Nil()}
	}
	var fs fields
	fs.str("Name", q.Name)
	g.typeField(&fs, q.Type)
	num := func(name string, v int64) {
		if v != 0 {
			// An untyped constant: jen.Lit would write int64(v).
			fs.add(name, lit{code: jen.Id(strconv.FormatInt(v, 10))})
		}
	}
	num("Start", q.Start)
	num("Increment", q.Increment)
	num("MinValue", q.MinValue)
	num("MaxValue", q.MaxValue)
	num("Cache", q.Cache)
	fs.flag("Cycle", q.Cycle)
	fs.str("OwnerTable", q.OwnerTable)
	fs.str("OwnerColumn", q.OwnerColumn)
	return g.composite("Sequence", form, fs, false)
}

// domain renders a domain, its checks one per line.
func (g *gen) domain(d *schema.Domain, form litForm) lit {
	if d == nil {
		return lit{code: jen.Nil()}
	}
	var fs fields
	fs.str("Name", d.Name)
	g.typeField(&fs, d.Type)
	fs.flag("NotNull", d.NotNull)
	if !isZeroDefault(d.Default) {
		fs.add("Default", g.dflt(d.Default))
	}
	fs.str("Collation", d.Collation)
	addList(g, &fs, "Checks", "Check", d.Checks, g.check)
	return g.composite("Domain", form, fs, false)
}

// table renders a table one field per line, with one column, constraint
// or index per line.
func (g *gen) table(t *schema.Table, form litForm) (lit, error) {
	if t == nil {
		return lit{code: jen.Nil()}, nil
	}
	var fs fields
	fs.str("Name", t.Name)
	if t.Columns != nil {
		cols := make([]lit, len(t.Columns))
		for i, c := range t.Columns {
			var err error
			if cols[i], err = g.column(c, elided); err != nil {
				return lit{}, fmt.Errorf("table %q: %w", t.Name, err)
			}
		}
		fs.add("Columns", list(jen.Op("*").Add(g.sch("Column")), cols, true))
	}
	if t.PrimaryKey != nil {
		fs.add("PrimaryKey", g.primaryKey(t.PrimaryKey))
	}
	addList(g, &fs, "Uniques", "Unique", t.Uniques, g.unique)
	addList(g, &fs, "Checks", "Check", t.Checks, g.check)
	addList(g, &fs, "ForeignKeys", "ForeignKey", t.ForeignKeys, g.foreignKey)
	addList(g, &fs, "Indexes", "Index", t.Indexes, g.index)
	fs.str("Comment", t.Comment)
	g.only(&fs, t.Only)
	fs.str("PartitionBy", t.PartitionBy)
	return g.composite("Table", form, fs, true), nil
}

// addList adds a list of pointers to schema type typ, one per line, unless
// it is nil.
func addList[T any](g *gen, fs *fields, name, typ string, xs []*T, render func(*T, litForm) lit) {
	if xs == nil {
		return
	}
	items := make([]lit, len(xs))
	for i, x := range xs {
		items[i] = render(x, elided)
	}
	fs.add(name, list(jen.Op("*").Add(g.sch(typ)), items, true))
}

// schemaLit renders a whole schema.
func (g *gen) schemaLit(s *schema.Schema) (lit, error) {
	if s == nil {
		return lit{code: jen.Nil()}, nil
	}
	var fs fields
	addList(g, &fs, "Enums", "Enum", s.Enums, g.enum)
	if s.Tables != nil {
		tables := make([]lit, len(s.Tables))
		for i, t := range s.Tables {
			var err error
			if tables[i], err = g.table(t, elided); err != nil {
				return lit{}, err
			}
		}
		fs.add("Tables", list(jen.Op("*").Add(g.sch("Table")), tables, true))
	}
	if s.Extensions != nil {
		exts := make([]lit, len(s.Extensions))
		for i, e := range s.Extensions {
			var ef fields
			ef.str("Name", e.Name)
			exts[i] = g.composite("Extension", elided, ef, false)
		}
		fs.add("Extensions", list(g.sch("Extension"), exts, false))
	}
	addList(g, &fs, "Sequences", "Sequence", s.Sequences, g.sequence)
	addList(g, &fs, "Domains", "Domain", s.Domains, g.domain)
	if n := s.Naming; n != nil {
		var nf fields
		nf.str("Index", n.Index)
		nf.str("Unique", n.Unique)
		nf.str("Check", n.Check)
		nf.str("ForeignKey", n.ForeignKey)
		nf.str("PrimaryKey", n.PrimaryKey)
		fs.add("Naming", g.composite("NamingConvention", pointer, nf, true))
	}
	return g.composite("Schema", pointer, fs, true), nil
}
