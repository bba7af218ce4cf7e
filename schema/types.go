package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// TypeKind is the portable kind of a column type.
type TypeKind string

// Column type kinds. Each maps to a native type per dialect; see Type.Render.
const (
	KindInteger     TypeKind = "integer"
	KindBigInt      TypeKind = "bigint"
	KindSmallInt    TypeKind = "smallint"
	KindText        TypeKind = "text"
	KindVarchar     TypeKind = "varchar" // Length 0: no limit
	KindChar        TypeKind = "char"
	KindBoolean     TypeKind = "boolean"
	KindFloat       TypeKind = "float" // double precision
	KindReal        TypeKind = "real"  // single precision
	KindNumeric     TypeKind = "numeric"
	KindUUID        TypeKind = "uuid"
	KindJSON        TypeKind = "json"      // jsonb on PostgreSQL
	KindJSONText    TypeKind = "json_text" // json (text-backed) on PostgreSQL
	KindTimestamp   TypeKind = "timestamp"
	KindTimestampTZ TypeKind = "timestamptz"
	KindDate        TypeKind = "date"
	KindTime        TypeKind = "time"
	KindInterval    TypeKind = "interval"
	KindBytes       TypeKind = "bytes"
	KindEnum        TypeKind = "enum"
	KindArray       TypeKind = "array"
	// KindDomain is a PostgreSQL domain (see Domain); on SQLite the column
	// has the domain's base type.
	KindDomain TypeKind = "domain"
	// KindNative is a type autogen has no portable kind for, spelled as the
	// database spells it, per dialect.
	KindNative TypeKind = "native"
)

// Type is a column type.
type Type struct {
	Kind TypeKind `json:"kind"`
	// Length is the length of a varchar or char; 0 means none.
	Length int `json:"length,omitempty"`
	// Precision and Scale qualify a numeric; Precision 0 means unconstrained.
	Precision int `json:"precision,omitempty"`
	Scale     int `json:"scale,omitempty"`
	// Enum names the enum of a KindEnum column.
	Enum string `json:"enum,omitempty"`
	// Domain names the domain of a KindDomain column.
	Domain string `json:"domain,omitempty"`
	// Elem is the element type of a KindArray column.
	Elem *Type `json:"elem,omitempty"`
	// Native spells a KindNative type per dialect.
	Native SQL `json:"native,omitempty"`
}

// Portable column types.
var (
	Integer     = Type{Kind: KindInteger}
	BigInt      = Type{Kind: KindBigInt}
	SmallInt    = Type{Kind: KindSmallInt}
	Text        = Type{Kind: KindText}
	String      = Type{Kind: KindVarchar} // VARCHAR without a length
	Boolean     = Type{Kind: KindBoolean}
	Float       = Type{Kind: KindFloat}
	Real        = Type{Kind: KindReal}
	UUID        = Type{Kind: KindUUID}
	JSON        = Type{Kind: KindJSON}
	JSONText    = Type{Kind: KindJSONText}
	Timestamp   = Type{Kind: KindTimestamp}
	TimestampTZ = Type{Kind: KindTimestampTZ}
	Date        = Type{Kind: KindDate}
	Time        = Type{Kind: KindTime}
	Interval    = Type{Kind: KindInterval}
	Bytes       = Type{Kind: KindBytes}
)

// Varchar is VARCHAR(n).
func Varchar(n int) Type { return Type{Kind: KindVarchar, Length: n} }

// Char is CHAR(n).
func Char(n int) Type { return Type{Kind: KindChar, Length: n} }

// Numeric is NUMERIC(precision, scale); Numeric(0, 0) is unconstrained.
func Numeric(precision, scale int) Type {
	return Type{Kind: KindNumeric, Precision: precision, Scale: scale}
}

// EnumType is the type of a column holding values of the named enum.
func EnumType(name string) Type { return Type{Kind: KindEnum, Enum: name} }

// Type returns the column type for values of e.
func (e *Enum) Type() Type { return EnumType(e.Name) }

// DomainType is the type of a column whose type is the named domain.
func DomainType(name string) Type { return Type{Kind: KindDomain, Domain: name} }

// ArrayOf is an array of elem (PostgreSQL only).
func ArrayOf(elem Type) Type { return Type{Kind: KindArray, Elem: &elem} }

// NativeType is a type spelled as the database spells it, per dialect.
func NativeType(spelling SQL) Type { return Type{Kind: KindNative, Native: spelling} }

// Equal reports whether a and b are the same type.
func (a Type) Equal(b Type) bool {
	if a.Kind != b.Kind || a.Length != b.Length || a.Precision != b.Precision ||
		a.Scale != b.Scale || a.Enum != b.Enum || a.Domain != b.Domain || len(a.Native) != len(b.Native) {
		return false
	}
	for k, v := range a.Native {
		if w, ok := b.Native[k]; !ok || w != v {
			return false
		}
	}
	if (a.Elem == nil) != (b.Elem == nil) {
		return false
	}
	return a.Elem == nil || a.Elem.Equal(*b.Elem)
}

// UnmappableError reports that an object of the schema cannot be expressed
// on a dialect, naming the object.
type UnmappableError struct {
	Dialect Dialect
	Object  string // e.g. `column "flow"."tags"`
	Reason  string
}

func (e *UnmappableError) Error() string {
	return fmt.Sprintf("%s cannot be expressed on %s: %s", e.Object, e.Dialect.Title(), e.Reason)
}

// EnumLookup finds an enum's values by name; it lets Type.Render size an enum
// column on SQLite; Schema.Lookup gives one.
type EnumLookup func(name string) (*Enum, bool)

// Lookup returns an EnumLookup over the enums of s.
func (s *Schema) Lookup() EnumLookup {
	return func(name string) (*Enum, bool) {
		e := s.Enum(name)
		return e, e != nil
	}
}

// Render spells t as a column type in dialect d. It fails for a type the
// dialect cannot express (an array or a native type on SQLite with no
// spelling there, an enum that enums does not know).
func (t Type) Render(d Dialect, enums EnumLookup) (string, error) {
	switch d {
	case Postgres:
		return t.postgres()
	case SQLite:
		return t.sqlite(enums)
	}
	return "", fmt.Errorf("unknown dialect %q", d)
}

func (t Type) postgres() (string, error) {
	switch t.Kind {
	case KindInteger:
		return "integer", nil
	case KindBigInt:
		return "bigint", nil
	case KindSmallInt:
		return "smallint", nil
	case KindText:
		return "text", nil
	case KindVarchar:
		if t.Length > 0 {
			return fmt.Sprintf("character varying(%d)", t.Length), nil
		}
		return "character varying", nil
	case KindChar:
		if t.Length > 0 {
			return fmt.Sprintf("character(%d)", t.Length), nil
		}
		return "character", nil
	case KindBoolean:
		return "boolean", nil
	case KindFloat:
		return "double precision", nil
	case KindReal:
		return "real", nil
	case KindNumeric:
		if t.Precision > 0 {
			return fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale), nil
		}
		return "numeric", nil
	case KindUUID:
		return "uuid", nil
	case KindJSON:
		return "jsonb", nil
	case KindJSONText:
		return "json", nil
	case KindTimestamp:
		return "timestamp without time zone", nil
	case KindTimestampTZ:
		return "timestamp with time zone", nil
	case KindDate:
		return "date", nil
	case KindTime:
		return "time without time zone", nil
	case KindInterval:
		return "interval", nil
	case KindBytes:
		return "bytea", nil
	case KindEnum:
		return QuoteIdent(Postgres, t.Enum), nil
	case KindDomain:
		return QuoteIdent(Postgres, t.Domain), nil
	case KindArray:
		if t.Elem == nil {
			return "", fmt.Errorf("array type without an element type")
		}
		elem, err := t.Elem.postgres()
		if err != nil {
			return "", err
		}
		return elem + "[]", nil
	case KindNative:
		if s, ok := t.Native.For(Postgres); ok {
			return s, nil
		}
		if s, ok := t.Native[SQLite]; ok {
			if p, ok := portableFromSQLiteName(s); ok {
				return p.postgres()
			}
		}
		return "", fmt.Errorf("native type %s has no PostgreSQL spelling", t.Native.describe())
	}
	return "", fmt.Errorf("unknown type kind %q", t.Kind)
}

// SQLiteUUIDType is how a UUID column is declared on SQLite.
const SQLiteUUIDType = "CHAR(36)"

func (t Type) sqlite(enums EnumLookup) (string, error) {
	switch t.Kind {
	case KindInteger:
		return "INTEGER", nil
	case KindBigInt:
		return "BIGINT", nil
	case KindSmallInt:
		return "SMALLINT", nil
	case KindText:
		return "TEXT", nil
	case KindVarchar:
		if t.Length > 0 {
			return fmt.Sprintf("VARCHAR(%d)", t.Length), nil
		}
		return "VARCHAR", nil
	case KindChar:
		if t.Length > 0 {
			return fmt.Sprintf("CHAR(%d)", t.Length), nil
		}
		return "CHAR", nil
	case KindBoolean:
		return "BOOLEAN", nil
	case KindFloat:
		return "FLOAT", nil
	case KindReal:
		return "REAL", nil
	case KindNumeric:
		if t.Precision > 0 {
			return fmt.Sprintf("NUMERIC(%d, %d)", t.Precision, t.Scale), nil
		}
		return "NUMERIC", nil
	case KindUUID:
		return SQLiteUUIDType, nil
	case KindJSON, KindJSONText:
		return "JSON", nil
	case KindTimestamp:
		return "TIMESTAMP", nil
	case KindTimestampTZ, KindInterval:
		// As SQLAlchemy (and so Prefect) declares them: an interval is
		// stored as a datetime offset from the epoch.
		return "DATETIME", nil
	case KindDate:
		return "DATE", nil
	case KindTime:
		return "TIME", nil
	case KindBytes:
		return "BLOB", nil
	case KindEnum:
		if enums == nil {
			return "", fmt.Errorf("enum %q: no enum definitions given", t.Enum)
		}
		e, ok := enums(t.Enum)
		if !ok {
			return "", fmt.Errorf("enum %q is not defined in the schema", t.Enum)
		}
		return fmt.Sprintf("VARCHAR(%d)", e.MaxLen()), nil
	case KindArray:
		return "", fmt.Errorf("arrays have no SQLite type")
	case KindDomain:
		return "", fmt.Errorf("domain %q has no SQLite type; narrow the schema to SQLite first (a domain column takes the domain's base type)", t.Domain)
	case KindNative:
		if s, ok := t.Native.For(SQLite); ok {
			return s, nil
		}
		if s, ok := t.Native[Postgres]; ok {
			if p, ok := portableFromPostgresName(s); ok {
				return p.sqlite(enums)
			}
		}
		return "", fmt.Errorf("native type %s has no SQLite spelling", t.Native.describe())
	}
	return "", fmt.Errorf("unknown type kind %q", t.Kind)
}

// MaxLen is the length of the enum's longest value, in characters; it sizes
// the VARCHAR that holds the enum on SQLite.
func (e *Enum) MaxLen() int {
	n := 0
	for _, v := range e.Values {
		if l := len([]rune(v)); l > n {
			n = l
		}
	}
	return n
}

func (s SQL) describe() string {
	var parts []string
	for _, d := range append([]Dialect{""}, Dialects...) {
		if v, ok := s[d]; ok {
			name := string(d)
			if name == "" {
				name = "any"
			}
			parts = append(parts, name+": "+strconv.Quote(v))
		}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// ParseType maps a type as dialect d's catalog spells it (PostgreSQL's
// format_type, SQLite's declared type) to a Type. A spelling with no
// portable kind, or one whose portable kind would be declared differently
// on d, becomes a KindNative type so that re-declaring it reproduces the
// original exactly. Enum columns are recognised by reflection, not here.
func ParseType(d Dialect, spelling string) Type {
	native := NativeType(SQL{d: spelling})
	var t Type
	var ok bool
	switch d {
	case Postgres:
		t, ok = parsePostgresType(spelling)
	case SQLite:
		t, ok = parseSQLiteType(spelling)
	}
	if !ok {
		return native
	}
	return t
}

var postgresTypeNames = map[string]Type{
	"integer":                     Integer,
	"bigint":                      BigInt,
	"smallint":                    SmallInt,
	"text":                        Text,
	"character varying":           String,
	"boolean":                     Boolean,
	"double precision":            Float,
	"real":                        Real,
	"numeric":                     Numeric(0, 0),
	"uuid":                        UUID,
	"jsonb":                       JSON,
	"json":                        JSONText,
	"timestamp without time zone": Timestamp,
	"timestamp with time zone":    TimestampTZ,
	"date":                        Date,
	"time without time zone":      Time,
	"interval":                    Interval,
	"bytea":                       Bytes,
}

func parsePostgresType(s string) (Type, bool) {
	s = strings.TrimSpace(s)
	if elem, ok := strings.CutSuffix(s, "[]"); ok {
		e, ok := parsePostgresType(elem)
		if !ok {
			return Type{}, false
		}
		return ArrayOf(e), true
	}
	if t, ok := postgresTypeNames[s]; ok {
		return t, true
	}
	name, args, ok := splitTypeArgs(s)
	if !ok {
		return Type{}, false
	}
	switch {
	case name == "character varying" && len(args) == 1:
		return Varchar(args[0]), true
	case name == "character" && len(args) == 1:
		return Char(args[0]), true
	case name == "numeric" && len(args) == 2 && args[0] > 0:
		return Numeric(args[0], args[1]), true
	}
	return Type{}, false
}

// parseSQLiteType maps a declared type only when the portable type would be
// declared with the same spelling (ignoring case and spaces), so that the
// declared text survives a round trip through the model.
func parseSQLiteType(s string) (Type, bool) {
	norm := normalizeTypeSpelling(s)
	name, args, hasArgs := splitTypeArgs(norm)
	if !hasArgs {
		name, args = norm, nil
	}
	var t Type
	switch {
	case name == "CHAR" && len(args) == 1 && args[0] == 36:
		t = UUID
	case name == "VARCHAR" && len(args) <= 1:
		t = String
		if len(args) == 1 {
			t = Varchar(args[0])
		}
	case name == "CHAR" && len(args) == 1:
		t = Char(args[0])
	case name == "NUMERIC" && len(args) == 2 && args[0] > 0:
		t = Numeric(args[0], args[1])
	case len(args) == 0:
		for _, k := range []Type{Integer, BigInt, SmallInt, Text, Boolean, Float, Real, Numeric(0, 0), JSON, Timestamp, TimestampTZ, Date, Time, Bytes} {
			if spelled, _ := k.sqlite(nil); spelled == name {
				return k, true
			}
		}
		return Type{}, false
	default:
		return Type{}, false
	}
	spelled, err := t.sqlite(nil)
	return t, err == nil && normalizeTypeSpelling(spelled) == norm
}

// normalizeTypeSpelling upper-cases a type and removes spaces around
// parentheses and commas and repeated spaces.
func normalizeTypeSpelling(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), " "))
	for _, p := range []string{"(", ")", ","} {
		s = strings.ReplaceAll(s, " "+p, p)
		s = strings.ReplaceAll(s, p+" ", p)
	}
	return s
}

// splitTypeArgs splits "name(a,b)" into name and integer arguments.
func splitTypeArgs(s string) (string, []int, bool) {
	open := strings.IndexByte(s, '(')
	if open < 0 || !strings.HasSuffix(s, ")") {
		return s, nil, false
	}
	name := strings.TrimSpace(s[:open])
	var args []int
	for _, a := range strings.Split(s[open+1:len(s)-1], ",") {
		n, err := strconv.Atoi(strings.TrimSpace(a))
		if err != nil || n < 0 {
			return s, nil, false
		}
		args = append(args, n)
	}
	return name, args, true
}

// portableFromSQLiteName maps SQLite type names that other databases write
// (NVARCHAR(n), INT, DECIMAL(p,s), DOUBLE, CLOB, …) to the portable type
// they mean, so that a model reflected from SQLite can be declared on
// PostgreSQL. Names it does not know are not guessed at.
func portableFromSQLiteName(s string) (Type, bool) {
	norm := normalizeTypeSpelling(s)
	name, args, hasArgs := splitTypeArgs(norm)
	if !hasArgs {
		name, args = norm, nil
	}
	switch {
	case len(args) == 0:
		switch name {
		case "INT", "INTEGER", "MEDIUMINT", "INT4":
			return Integer, true
		case "TINYINT", "INT2", "SMALLINT":
			return SmallInt, true
		case "BIGINT", "INT8", "UNSIGNED BIG INT":
			return BigInt, true
		case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8":
			return Float, true
		case "REAL", "FLOAT4":
			return Real, true
		case "TEXT", "CLOB", "NTEXT", "VARCHAR", "NVARCHAR", "STRING":
			return Text, true
		case "BLOB", "BYTEA":
			return Bytes, true
		case "BOOLEAN", "BOOL":
			return Boolean, true
		case "DECIMAL", "NUMERIC":
			return Numeric(0, 0), true
		case "DATE":
			return Date, true
		case "DATETIME", "TIMESTAMP":
			return Timestamp, true
		}
	case len(args) == 1:
		switch name {
		case "VARCHAR", "NVARCHAR", "VARCHAR2", "NVARCHAR2", "CHARACTER VARYING", "VARYING CHARACTER":
			return Varchar(args[0]), true
		case "CHAR", "NCHAR", "CHARACTER", "NATIVE CHARACTER":
			return Char(args[0]), true
		case "DECIMAL", "NUMERIC":
			return Numeric(args[0], 0), true
		}
	case len(args) == 2 && (name == "DECIMAL" || name == "NUMERIC") && args[0] > 0:
		return Numeric(args[0], args[1]), true
	}
	return Type{}, false
}

// portableFromPostgresName maps PostgreSQL spellings with a precision
// (timestamp(3) with time zone, …) to the portable type SQLite declares
// them as.
func portableFromPostgresName(s string) (Type, bool) {
	base := s
	if open := strings.IndexByte(s, '('); open >= 0 {
		if end := strings.IndexByte(s[open:], ')'); end >= 0 {
			base = strings.TrimSpace(s[:open]) + s[open+end+1:]
		}
	}
	t, ok := postgresTypeNames[strings.Join(strings.Fields(base), " ")]
	return t, ok
}
