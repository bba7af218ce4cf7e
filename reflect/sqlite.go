package reflect

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// SQLite reflection runs sqliteQueryCount statements, whatever the size of
// the schema: one pass over sqlite_schema for the statements' text, and one
// join of sqlite_schema with each table-valued pragma (table_xinfo,
// index_list with index_xinfo, foreign_key_list). Each CREATE statement is
// parsed once.
const sqliteQueryCount = 4

// sqliteTableFilter restricts m (a sqlite_schema row) to tables whose
// pragmas can be read: no internal sqlite_ tables, no virtual tables (whose
// module may be missing).
const sqliteTableFilter = `m.type = 'table'
  AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND coalesce(m.sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%'`

// sqliteObjectsQuery lists tables, indexes, views and triggers with their
// statements and table, and, for tables, pragma_table_list's type
// ("table", "shadow", "virtual").
// pragma_table_list lists every table on each call, so it is read once
// (a materialized CTE), not joined per row, which would be quadratic.
const sqliteObjectsQuery = `
WITH l AS MATERIALIZED (SELECT name, type FROM pragma_table_list WHERE schema = 'main')
SELECT m.type, m.name, m.tbl_name, coalesce(m.sql, ''), coalesce(l.type, '')
FROM sqlite_schema AS m
LEFT JOIN l ON l.name = m.name AND m.type = 'table'
WHERE m.type IN ('table', 'index', 'view', 'trigger')
ORDER BY m.rowid`

const sqliteColumnsQuery = `
SELECT m.name, c.name, c.type, c."notnull", c.dflt_value, c.pk
FROM sqlite_schema AS m
JOIN pragma_table_xinfo(m.name) AS c
WHERE ` + sqliteTableFilter + `
ORDER BY m.name, c.cid`

// sqliteIndexesQuery lists every index, autoindexes included: origin says
// whether an index backs a PRIMARY KEY ("pk") or UNIQUE ("u") constraint
// or was created ("c"). For UNIQUE constraints it lists their key columns
// too, one row each; a created index has one row and takes its keys from
// its parsed CREATE INDEX statement. SQLite finds an index by name in a hash table of at most 64
// buckets, so a pragma call per index costs time in proportion to the
// number of indexes, and calling it for every index made reflection of
// thousands of tables quadratic.
const sqliteIndexesQuery = `
SELECT m.name, il.name, il."unique", il.origin, 0, '', 0, 0
FROM sqlite_schema AS m
JOIN pragma_index_list(m.name) AS il
WHERE ` + sqliteTableFilter + ` AND il.origin <> 'u'
UNION ALL
SELECT m.name, il.name, il."unique", il.origin, x.cid, coalesce(x.name, ''), x."desc", x.seqno
FROM sqlite_schema AS m
JOIN pragma_index_list(m.name) AS il
JOIN pragma_index_xinfo(il.name) AS x
WHERE ` + sqliteTableFilter + ` AND il.origin = 'u' AND x.key = 1
ORDER BY 1, 2, 8`

const sqliteForeignKeysQuery = `
SELECT m.name, f.id, f."table", f."from", coalesce(f."to", ''), f.on_update, f.on_delete
FROM sqlite_schema AS m
JOIN pragma_foreign_key_list(m.name) AS f
WHERE ` + sqliteTableFilter + `
ORDER BY m.name, f.id, f.seq`

// sqliteReader holds the state of one SQLite reflection.
type sqliteReader struct {
	ctx    context.Context
	q      Querier
	opts   Options
	out    *schema.Schema
	tables map[string]*sqliteTable // by table name; hidden tables are absent
	// indexDDL holds the parsed CREATE INDEX statements by index name.
	indexDDL map[string]*ddlIndex
}

// sqliteTable is a table being reflected with its parsed statement.
type sqliteTable struct {
	t      *schema.Table
	ddl    *ddlTable
	pkCols []pkCol
	// columns holds what the statement declares about each column
	// (collation, AUTOINCREMENT), by lower-cased column name.
	columns map[string]ddlColumn
	// indexes being assembled from index_xinfo rows, in name order.
	indexes []*sqliteIndex
}

type pkCol struct {
	pos  int
	name string
}

// sqliteIndex is an index as pragma_index_list and pragma_index_xinfo give
// it.
type sqliteIndex struct {
	name   string
	unique bool
	origin string
	keys   []sqliteIndexKey
}

type sqliteIndexKey struct {
	cid  int
	name string
	desc bool
}

func reflectSQLite(ctx context.Context, q Querier, opts Options) (*schema.Schema, error) {
	r := &sqliteReader{ctx: ctx, q: q, opts: opts, out: &schema.Schema{}}
	steps := []struct {
		what string
		run  func() error
	}{
		{"schema", r.objects},
		{"columns", r.columns},
		{"indexes", r.indexes},
		{"foreign keys", r.foreignKeys},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return nil, fmt.Errorf("reflect sqlite: %s: %w", s.what, err)
		}
	}
	// Primary keys first: a foreign key with no column list refers to its
	// parent's primary key.
	for _, t := range r.out.Tables {
		if err := r.primaryKey(r.tables[t.Name]); err != nil {
			return nil, fmt.Errorf("reflect sqlite: table %q: %w", t.Name, err)
		}
	}
	for _, t := range r.out.Tables {
		if err := r.finish(r.tables[t.Name]); err != nil {
			return nil, fmt.Errorf("reflect sqlite: table %q: %w", t.Name, err)
		}
	}
	sortSchema(r.out)
	return r.out, nil
}

func (r *sqliteReader) query(text string, scan func(*sql.Rows) error) error {
	rows, err := r.q.QueryContext(r.ctx, text)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// hidden reports whether a table is left out of the result.
func (r *sqliteReader) hidden(name, listType, ddl string) bool {
	return strings.HasPrefix(strings.ToLower(name), "sqlite_") ||
		name == r.opts.VersionTable ||
		(listType != "" && listType != "table") ||
		strings.HasPrefix(ddl, "CREATE VIRTUAL TABLE")
}

func (r *sqliteReader) objects() error {
	r.tables = make(map[string]*sqliteTable)
	r.indexDDL = make(map[string]*ddlIndex)
	var indexes []*ddlIndex
	var views []schema.UnmanagedObject
	err := r.query(sqliteObjectsQuery, func(rows *sql.Rows) error {
		var kind, name, tblName, ddl, listType string
		if err := rows.Scan(&kind, &name, &tblName, &ddl, &listType); err != nil {
			return err
		}
		switch kind {
		case "view":
			views = append(views, schema.UnmanagedObject{Kind: schema.UnmanagedView, Name: name, SQL: ddl})
		case "trigger":
			r.out.Unmanaged = append(r.out.Unmanaged, schema.UnmanagedObject{
				Kind: schema.UnmanagedTrigger, Name: name, Tables: []string{tblName}, SQL: ddl})
		case "table":
			if listType == "virtual" || strings.HasPrefix(ddl, "CREATE VIRTUAL TABLE") {
				r.out.Unmanaged = append(r.out.Unmanaged, schema.UnmanagedObject{
					Kind: schema.UnmanagedVirtualTable, Name: name, SQL: ddl})
				return nil
			}
			if r.hidden(name, listType, ddl) {
				return nil
			}
			parsed, err := parseCreateTable(ddl)
			if err != nil {
				return fmt.Errorf("table %q: parsing %q: %w", name, ddl, err)
			}
			st := &sqliteTable{
				t:   &schema.Table{Name: name, Columns: []*schema.Column{}},
				ddl: parsed,
			}
			st.columns = make(map[string]ddlColumn, len(parsed.Columns))
			for _, c := range parsed.Columns {
				st.columns[strings.ToLower(c.Name)] = c
			}
			r.tables[name] = st
			r.out.Tables = append(r.out.Tables, st.t)
		case "index":
			if ddl == "" {
				return nil // an autoindex: its constraint is reported instead
			}
			parsed, err := parseCreateIndex(ddl)
			if err != nil {
				return fmt.Errorf("index %q: parsing %q: %w", name, ddl, err)
			}
			parsed.Name = name
			indexes = append(indexes, parsed)
		}
		return nil
	})
	for _, x := range indexes {
		r.indexDDL[x.Name] = x
	}
	// A view depends on the tables its statement names; the names are
	// known once every table has been read.
	byFold := make(map[string]string, len(r.tables))
	for name := range r.tables {
		byFold[strings.ToLower(name)] = name
	}
	for _, v := range views {
		v.Tables = mentionedTables(v.SQL, byFold)
		r.out.Unmanaged = append(r.out.Unmanaged, v)
	}
	return err
}

// mentionedTables lists, sorted, the tables of byFold (reflected tables
// by lower-cased name) whose names appear as identifiers in a statement.
func mentionedTables(stmt string, byFold map[string]string) []string {
	toks, err := tokenize(stmt)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, t := range toks {
		if t.kind != tokWord && t.kind != tokQuoted {
			continue
		}
		name, ok := byFold[strings.ToLower(identValue(stmt, t))]
		if ok && !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func (r *sqliteReader) columns() error {
	return r.query(sqliteColumnsQuery, func(rows *sql.Rows) error {
		var (
			table, name, typ string
			notNull          bool
			def              sql.NullString
			pk               int
		)
		if err := rows.Scan(&table, &name, &typ, &notNull, &def, &pk); err != nil {
			return err
		}
		st := r.tables[table]
		if st == nil {
			return nil
		}
		c := &schema.Column{Name: name, Type: schema.ParseType(schema.SQLite, typ), NotNull: notNull}
		if def.Valid {
			c.Default = schema.ParseDefault(schema.SQLite, def.String, c.Type)
		}
		if decl, ok := st.columns[strings.ToLower(name)]; ok {
			c.Collation = collation(schema.SQLite, decl.Collation)
			if decl.Autoincrement {
				c.Identity = schema.IdentityAutoincrement
			}
		}
		if pk > 0 {
			st.pkCols = append(st.pkCols, pkCol{pk, name})
		}
		st.t.Columns = append(st.t.Columns, c)
		return nil
	})
}

func (r *sqliteReader) indexes() error {
	return r.query(sqliteIndexesQuery, func(rows *sql.Rows) error {
		var (
			table, name, origin, col string
			unique, desc             bool
			cid                      int
		)
		var seqno int
		if err := rows.Scan(&table, &name, &unique, &origin, &cid, &col, &desc, &seqno); err != nil {
			return err
		}
		st := r.tables[table]
		if st == nil {
			return nil
		}
		// Rows come ordered by index name, then key position.
		var x *sqliteIndex
		if n := len(st.indexes); n > 0 && st.indexes[n-1].name == name {
			x = st.indexes[n-1]
		} else {
			x = &sqliteIndex{name: name, unique: unique, origin: origin}
			st.indexes = append(st.indexes, x)
		}
		if origin == "u" {
			x.keys = append(x.keys, sqliteIndexKey{cid: cid, name: col, desc: desc})
		}
		return nil
	})
}

func (r *sqliteReader) foreignKeys() error {
	var (
		lastTable string
		lastID    = -1
		fk        *schema.ForeignKey
	)
	return r.query(sqliteForeignKeysQuery, func(rows *sql.Rows) error {
		var (
			table, refTable, from, to string
			onUpdate, onDelete        string
			id                        int
		)
		if err := rows.Scan(&table, &id, &refTable, &from, &to, &onUpdate, &onDelete); err != nil {
			return err
		}
		st := r.tables[table]
		if st == nil {
			return nil
		}
		if fk == nil || table != lastTable || id != lastID {
			fk = &schema.ForeignKey{
				RefTable: refTable,
				OnDelete: sqliteAction(onDelete),
				OnUpdate: sqliteAction(onUpdate),
			}
			st.t.ForeignKeys = append(st.t.ForeignKeys, fk)
			lastTable, lastID = table, id
		}
		fk.Columns = append(fk.Columns, from)
		fk.RefColumns = append(fk.RefColumns, to)
		return nil
	})
}

// sqliteAction maps pragma_foreign_key_list's action spelling.
func sqliteAction(s string) schema.Action {
	switch strings.ToUpper(s) {
	case "CASCADE":
		return schema.Cascade
	case "SET NULL":
		return schema.SetNull
	case "SET DEFAULT":
		return schema.SetDefault
	case "RESTRICT":
		return schema.Restrict
	}
	return schema.NoAction
}

// primaryKey sets a table's primary key: its columns from table_xinfo's pk
// positions, its name from the statement.
func (r *sqliteReader) primaryKey(st *sqliteTable) error {
	if len(st.pkCols) == 0 {
		return nil
	}
	pk := &schema.PrimaryKey{Columns: make([]string, len(st.pkCols))}
	for _, c := range st.pkCols {
		if c.pos < 1 || c.pos > len(st.pkCols) || pk.Columns[c.pos-1] != "" {
			return fmt.Errorf("primary key position %d of column %q out of range", c.pos, c.name)
		}
		pk.Columns[c.pos-1] = c.name
	}
	if st.ddl.PrimaryKey != nil {
		pk.Name = st.ddl.PrimaryKey.Name
	}
	st.t.PrimaryKey = pk
	return nil
}

// finish assembles a table's unique, check and foreign-key constraints and
// its indexes from the pragma rows and its parsed statement.
func (r *sqliteReader) finish(st *sqliteTable) error {
	t, ddl := st.t, st.ddl

	// Unique constraints are the autoindexes of origin "u"; their names come
	// from the statement, matched by column list.
	uniqueNames := make(map[string][]string, len(ddl.Uniques))
	for _, u := range ddl.Uniques {
		k := foldKey(u.Columns)
		uniqueNames[k] = append(uniqueNames[k], u.Name)
	}
	for _, x := range st.indexes {
		switch x.origin {
		case "u":
			u := &schema.Unique{Columns: make([]string, len(x.keys))}
			for i, k := range x.keys {
				u.Columns[i] = k.name
			}
			k := foldKey(u.Columns)
			if names := uniqueNames[k]; len(names) > 0 {
				u.Name, uniqueNames[k] = names[0], names[1:]
			}
			t.Uniques = append(t.Uniques, u)
		case "c":
			x, err := r.index(st, x)
			if err != nil {
				return err
			}
			t.Indexes = append(t.Indexes, x)
		}
	}

	for _, c := range ddl.Checks {
		t.Checks = append(t.Checks, &schema.Check{Name: c.Name, Expr: schema.SQL{schema.SQLite: stripAllParens(c.Expr)}})
	}

	// Foreign keys: columns and actions from the pragma, names and
	// DEFERRABLE from the statement, matched by columns and referenced
	// table.
	fkDDL := make(map[string][]*ddlForeignKey, len(ddl.ForeignKeys))
	for i := range ddl.ForeignKeys {
		fk := &ddl.ForeignKeys[i]
		k := fkKey(fk.Columns, fk.RefTable)
		fkDDL[k] = append(fkDDL[k], fk)
	}
	for _, fk := range t.ForeignKeys {
		if slicesAllEmpty(fk.RefColumns) {
			// REFERENCES parent with no columns: the parent's primary key.
			fk.RefColumns = nil
			if parent := r.tables[fk.RefTable]; parent != nil && parent.t.PrimaryKey != nil {
				fk.RefColumns = append([]string(nil), parent.t.PrimaryKey.Columns...)
			} else if parent := r.lookupFold(fk.RefTable); parent != nil && parent.t.PrimaryKey != nil {
				fk.RefColumns = append([]string(nil), parent.t.PrimaryKey.Columns...)
			}
		}
		k := fkKey(fk.Columns, fk.RefTable)
		if cands := fkDDL[k]; len(cands) > 0 {
			d := pickForeignKey(cands, fk)
			fk.Name, fk.Deferrable, fk.InitiallyDeferred = d.Name, d.Deferrable, d.InitiallyDeferred
		}
	}
	return nil
}

// pickForeignKey takes from cands the declaration that best matches fk:
// the first with the same actions, else the first. It removes it so that
// each declaration names one constraint.
func pickForeignKey(cands []*ddlForeignKey, fk *schema.ForeignKey) *ddlForeignKey {
	best := -1
	for i, d := range cands {
		if d == nil {
			continue
		}
		if best < 0 {
			best = i
		}
		if sqliteAction(d.OnDelete) == fk.OnDelete && sqliteAction(d.OnUpdate) == fk.OnUpdate {
			best = i
			break
		}
	}
	if best < 0 {
		return &ddlForeignKey{}
	}
	d := cands[best]
	cands[best] = nil
	return d
}

// lookupFold finds a reflected table by name, ignoring case as SQLite does.
func (r *sqliteReader) lookupFold(name string) *sqliteTable {
	for n, st := range r.tables {
		if strings.EqualFold(n, name) {
			return st
		}
	}
	return nil
}

// index builds a created index from its parsed statement: a key that is a
// column of the table (by name, ignoring case, possibly in parentheses) is
// that column, spelled as the table declares it; any other key is an
// expression.
func (r *sqliteReader) index(st *sqliteTable, x *sqliteIndex) (*schema.Index, error) {
	ddl := r.indexDDL[x.name]
	if ddl == nil {
		return nil, fmt.Errorf("index %q: no CREATE INDEX statement in sqlite_schema", x.name)
	}
	out := &schema.Index{Name: x.name, Unique: x.unique, Keys: make([]schema.IndexKey, len(ddl.Keys))}
	for i, k := range ddl.Keys {
		key := schema.IndexKey{Desc: k.Desc, Collation: collation(schema.SQLite, k.Collation)}
		expr := stripAllParens(k.Expr)
		name := k.Column
		if name == "" {
			name = soleIdent(expr)
		}
		if c := columnFold(st.t, name); c != nil {
			key.Column = c.Name
		} else {
			key.Expr = schema.SQL{schema.SQLite: expr}
		}
		out.Keys[i] = key
	}
	if ddl.Where != "" {
		out.Where = schema.SQL{schema.SQLite: stripAllParens(ddl.Where)}
	}
	return out, nil
}

// soleIdent returns the identifier that s consists of, or "".
func soleIdent(s string) string {
	toks, err := tokenize(s)
	if err != nil || len(toks) != 1 || (toks[0].kind != tokWord && toks[0].kind != tokQuoted) {
		return ""
	}
	return identValue(s, toks[0])
}

// columnFold returns t's column named name, ignoring case as SQLite does,
// or nil.
func columnFold(t *schema.Table, name string) *schema.Column {
	if name == "" {
		return nil
	}
	for _, c := range t.Columns {
		if strings.EqualFold(c.Name, name) {
			return c
		}
	}
	return nil
}

// stripAllParens removes the parentheses around a whole expression, however
// many layers: "((lower(x)))" and "lower(x)" are the same key, and autogen
// writes one layer around every expression key.
func stripAllParens(s string) string {
	for {
		t := stripOuterParens(s)
		if t == s {
			return t
		}
		s = t
	}
}

// foldKey joins names lower-cased, as SQLite compares identifiers.
func foldKey(names []string) string {
	return strings.ToLower(strings.Join(names, "\x00"))
}

// fkKey identifies a foreign key by its columns and referenced table,
// ignoring case.
func fkKey(cols []string, refTable string) string {
	return foldKey(cols) + "\x01" + strings.ToLower(refTable)
}

func slicesAllEmpty(xs []string) bool {
	for _, x := range xs {
		if x != "" {
			return false
		}
	}
	return true
}
