package reflect

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// PostgreSQL reflection runs pgQueryCount statements, whatever the size of
// the schema: the server version, enums, domains, tables, columns,
// constraints, indexes, extensions, sequences and unmanaged objects. Each
// reads a catalog in bulk for the namespace given by $1 and is decoded in
// one pass.
//
// It needs PostgreSQL 12 or later (pg_constraint.conparentid, generated
// columns); NULLS NOT DISTINCT is read from 15 on.
const pgQueryCount = 10

// pgRels selects the relations reflected as tables: ordinary and
// partitioned tables of the namespace $1 that are neither a partition nor
// an inheritance child nor a member of an extension. Every query below
// starts from it, so that all of them agree on the set.
//
// Partitions and inheritance children are listed as unmanaged objects
// (see pgUnmanagedQuery).
const pgRels = `rels AS (
	SELECT c.oid, c.relname
	FROM pg_catalog.pg_class c
	JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = $1
	  AND c.relkind IN ('r', 'p')
	  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh WHERE inh.inhrelid = c.oid)
	  AND NOT EXISTS (
		SELECT 1 FROM pg_catalog.pg_depend dep
		WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
		  AND dep.objid = c.oid AND dep.deptype = 'e')
)`

const pgVersionQuery = `SELECT pg_catalog.current_setting('server_version_num')`

const pgEnumsQuery = `
SELECT t.typname, pg_catalog.json_agg(e.enumlabel ORDER BY e.enumsortorder)::text
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = $1
  AND NOT EXISTS (
	SELECT 1 FROM pg_catalog.pg_depend dep
	WHERE dep.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
	  AND dep.objid = t.oid AND dep.deptype = 'e')
GROUP BY t.oid, t.typname`

const pgTablesQuery = `
WITH ` + pgRels + `
SELECT rels.oid::int8, rels.relname, coalesce(d.description, ''),
	CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) ELSE '' END
FROM rels
JOIN pg_catalog.pg_class c ON c.oid = rels.oid
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = rels.oid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = 0`

// pgColumnsQuery returns the columns in ordinal order per table. The type
// is format_type's spelling plus what is needed to recognise enums and
// arrays of enums of the namespace; the collation only when it is not the
// type's own.
const pgColumnsQuery = `
WITH ` + pgRels + `
SELECT a.attrelid::int8, a.attname,
	pg_catalog.format_type(a.atttypid, a.atttypmod),
	a.attnotnull,
	coalesce(pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), ''),
	a.attidentity::text, a.attgenerated::text,
	coalesce(co.collname, ''),
	coalesce(d.description, ''),
	t.typtype::text, tn.nspname, t.typname,
	coalesce(et.typtype::text, ''), coalesce(etn.nspname, ''), coalesce(et.typname, '')
FROM rels
JOIN pg_catalog.pg_attribute a ON a.attrelid = rels.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_catalog.pg_namespace etn ON etn.oid = et.typnamespace
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation AND a.attcollation <> t.typcollation
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objsubid = a.attnum
ORDER BY a.attrelid, a.attnum`

// pgConstraintsQuery returns primary keys, unique, check and foreign-key
// constraints. Key columns are unnested once with their ordinality and
// aggregated per constraint; constraints cloned onto a table for the
// partitions of a referenced partitioned table (conparentid <> 0) are left
// out.
//
// Like pgIndexesQuery it joins a derived relation only with catalogs
// looked up by oid, never with another derived relation: the planner
// underestimates both and would loop over one for each row of the other.
const pgConstraintsQuery = `
WITH ` + pgRels + `,
keys AS (
	SELECT con.oid,
		pg_catalog.json_agg(a.attname ORDER BY k.ord) FILTER (WHERE k.ord IS NOT NULL) AS cols,
		pg_catalog.json_agg(fa.attname ORDER BY k.ord) FILTER (WHERE k.ord IS NOT NULL) AS refcols
	FROM rels
	JOIN pg_catalog.pg_constraint con ON con.conrelid = rels.oid
	LEFT JOIN LATERAL ROWS FROM (pg_catalog.unnest(con.conkey), pg_catalog.unnest(con.confkey))
		WITH ORDINALITY AS k(attnum, fattnum, ord) ON true
	LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
	LEFT JOIN pg_catalog.pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum
	WHERE con.contype IN ('p', 'u', 'c', 'f') AND con.conparentid = 0
	GROUP BY con.oid
)
SELECT con.conrelid::int8, con.conname, con.contype::text,
	coalesce(keys.cols::text, '[]'), coalesce(keys.refcols::text, '[]'),
	coalesce(fn.nspname, ''), coalesce(fc.relname, ''),
	con.confupdtype::text, con.confdeltype::text, con.condeferrable, con.condeferred,
	CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_constraintdef(con.oid) ELSE '' END
FROM keys
JOIN pg_catalog.pg_constraint con ON con.oid = keys.oid
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace`

// pgIndexesQuery returns the indexes that do not back a primary-key, unique
// or exclusion constraint, with one JSON array per index position:
// [expression, column, desc, nulls first, opclass, collation]. The
// expression is pg_get_indexdef's text for that key alone (empty for a
// column); the opclass only when it is not the default one; the collation
// only when it differs from the column's or, for an expression, from its
// type's. An expression's own collation can differ from its type's (lower()
// of a "C" column is "C"), so for an index with an expression key and a
// collation the whole definition is returned too, to see whether COLLATE
// was written. %s is the NULLS NOT DISTINCT column, which older servers
// lack.
//
// Key positions come from unnest(indkey) WITH ORDINALITY, not
// generate_series(1, indnatts): the planner guesses 1,000 rows for a
// generate_series over a column (10 for an unnest), which on a few
// thousand tables pushed the plan's cost over jit_above_cost, and JIT
// compilation (0.6 s) then cost three times the query itself.
const pgIndexesQuery = `
WITH ` + pgRels + `,
keys AS (
	SELECT i.indexrelid, pg_catalog.json_agg(pg_catalog.json_build_array(
		CASE WHEN i.indkey[k.pos - 1] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.pos, true) ELSE '' END,
		coalesce(a.attname, ''),
		coalesce(i.indoption[k.pos - 1]::int & 1, 0) <> 0,
		coalesce(i.indoption[k.pos - 1]::int & 2, 0) <> 0,
		CASE WHEN opc.opcdefault THEN '' ELSE coalesce(opc.opcname, '') END,
		coalesce(coll.collname, '')
	) ORDER BY k.pos) AS keys,
		bool_or(i.indkey[k.pos - 1] = 0 AND coll.oid IS NOT NULL) AS exprcoll
	FROM rels
	JOIN pg_catalog.pg_index i ON i.indrelid = rels.oid
	CROSS JOIN LATERAL (
		SELECT u.ord::int AS pos
		FROM pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS u(attnum, ord)) AS k
	LEFT JOIN pg_catalog.pg_attribute a
		ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.pos - 1] AND i.indkey[k.pos - 1] > 0
	LEFT JOIN pg_catalog.pg_attribute ia ON ia.attrelid = i.indexrelid AND ia.attnum = k.pos
	LEFT JOIN pg_catalog.pg_type it ON it.oid = ia.atttypid
	LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = i.indclass[k.pos - 1] AND k.pos <= i.indnkeyatts
	LEFT JOIN pg_catalog.pg_collation coll
		ON coll.oid = i.indcollation[k.pos - 1] AND k.pos <= i.indnkeyatts
		AND coll.oid <> coalesce(a.attcollation, it.typcollation, 0)
	WHERE NOT EXISTS (
		SELECT 1 FROM pg_catalog.pg_constraint con
		WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x'))
	GROUP BY i.indexrelid
)
SELECT i.indrelid::int8, ic.relname, i.indisunique, am.amname,
	coalesce(pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), ''),
	%s, i.indnkeyatts::int, keys.keys::text,
	CASE WHEN keys.exprcoll THEN pg_catalog.pg_get_indexdef(i.indexrelid, 0, true) ELSE '' END
FROM keys
JOIN pg_catalog.pg_index i ON i.indexrelid = keys.indexrelid
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam`

const pgExtensionsQuery = `
SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql'`

// pgReader holds the state of one PostgreSQL reflection.
type pgReader struct {
	ctx    context.Context
	q      Querier
	opts   Options
	out    *schema.Schema
	tables map[int64]*schema.Table // by pg_class oid; hidden tables are absent
	// serverVersion is server_version_num, e.g. 150004.
	serverVersion int
	// seqs and domainList are every sequence and domain of the namespace,
	// before sortOut tells the schema's from the unmanaged ones.
	seqs       []pgSequence
	domainList []*schema.Domain
}

func reflectPostgres(ctx context.Context, q Querier, opts Options) (*schema.Schema, error) {
	r := &pgReader{ctx: ctx, q: q, opts: opts, out: &schema.Schema{}}
	steps := []struct {
		what string
		run  func() error
	}{
		{"server version", r.version},
		{"enums", r.enums},
		{"domains", r.domains},
		{"tables", r.readTables},
		{"columns", r.columns},
		{"constraints", r.constraints},
		{"indexes", r.indexes},
		{"extensions", r.extensions},
		{"sequences", r.sequences},
		{"unmanaged objects", r.unmanaged},
	}
	for _, s := range steps {
		if err := s.run(); err != nil {
			return nil, fmt.Errorf("reflect postgres: %s: %w", s.what, err)
		}
	}
	r.sortOut()
	sortSchema(r.out)
	return r.out, nil
}

// query runs a catalog query with the namespace as $1 (when the query uses
// it) and calls scan for each row.
func (r *pgReader) query(text string, withNamespace bool, scan func(*sql.Rows) error) error {
	var args []any
	if withNamespace {
		args = append(args, r.opts.Schema)
	}
	rows, err := r.q.QueryContext(r.ctx, text, args...)
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

func (r *pgReader) enums() error {
	return r.query(pgEnumsQuery, true, func(rows *sql.Rows) error {
		var name, labels string
		if err := rows.Scan(&name, &labels); err != nil {
			return err
		}
		e := &schema.Enum{Name: name}
		if err := json.Unmarshal([]byte(labels), &e.Values); err != nil {
			return fmt.Errorf("enum %q: labels: %w", name, err)
		}
		r.out.Enums = append(r.out.Enums, e)
		return nil
	})
}

func (r *pgReader) readTables() error {
	r.tables = make(map[int64]*schema.Table)
	return r.query(pgTablesQuery, true, func(rows *sql.Rows) error {
		var oid int64
		t := &schema.Table{Columns: []*schema.Column{}}
		if err := rows.Scan(&oid, &t.Name, &t.Comment, &t.PartitionBy); err != nil {
			return err
		}
		if t.Name == r.opts.VersionTable {
			return nil
		}
		r.tables[oid] = t
		r.out.Tables = append(r.out.Tables, t)
		return nil
	})
}

func (r *pgReader) columns() error {
	return r.query(pgColumnsQuery, true, func(rows *sql.Rows) error {
		var (
			oid                           int64
			c                             schema.Column
			typ, def, identity, generated string
			collname                      string
			typtype, typns, typname       string
			elemtype, elemns, elemname    string
		)
		if err := rows.Scan(&oid, &c.Name, &typ, &c.NotNull, &def, &identity, &generated,
			&collname, &c.Comment, &typtype, &typns, &typname, &elemtype, &elemns, &elemname); err != nil {
			return err
		}
		t := r.tables[oid]
		if t == nil {
			return nil
		}
		c.Collation = collation(schema.Postgres, collname)
		switch {
		case typtype == "e" && typns == r.opts.Schema:
			c.Type = schema.EnumType(typname)
		case elemtype == "e" && elemns == r.opts.Schema:
			c.Type = schema.ArrayOf(schema.EnumType(elemname))
		case typtype == "d" && typns == r.opts.Schema:
			c.Type = schema.DomainType(typname)
		default:
			c.Type = schema.ParseType(schema.Postgres, typ)
		}
		switch identity {
		case "a":
			c.Identity = "always"
		case "d":
			c.Identity = "by default"
		}
		// A generated column's expression is not a default; the model has
		// no place for it yet, so it is left out.
		if c.Identity == "" && generated == "" && def != "" {
			c.Default = schema.ParseDefault(schema.Postgres, def, c.Type)
		}
		t.Columns = append(t.Columns, &c)
		return nil
	})
}

// pgActions maps confupdtype/confdeltype codes to actions.
var pgActions = map[string]schema.Action{
	"a": schema.NoAction,
	"r": schema.Restrict,
	"c": schema.Cascade,
	"n": schema.SetNull,
	"d": schema.SetDefault,
}

func (r *pgReader) constraints() error {
	return r.query(pgConstraintsQuery, true, func(rows *sql.Rows) error {
		var (
			oid                                 int64
			name, kind, cols, refcols           string
			refns, reftable, onUpdate, onDelete string
			deferrable, deferred                bool
			def                                 string
		)
		if err := rows.Scan(&oid, &name, &kind, &cols, &refcols, &refns, &reftable,
			&onUpdate, &onDelete, &deferrable, &deferred, &def); err != nil {
			return err
		}
		t := r.tables[oid]
		if t == nil {
			return nil
		}
		var columns, refColumns []string
		if err := json.Unmarshal([]byte(cols), &columns); err != nil {
			return fmt.Errorf("constraint %q: columns: %w", name, err)
		}
		switch kind {
		case "p":
			t.PrimaryKey = &schema.PrimaryKey{Name: name, Columns: columns}
		case "u":
			t.Uniques = append(t.Uniques, &schema.Unique{Name: name, Columns: columns})
		case "c":
			t.Checks = append(t.Checks, &schema.Check{Name: name, Expr: schema.SQL{schema.Postgres: pgCheckExpr(def)}})
		case "f":
			if err := json.Unmarshal([]byte(refcols), &refColumns); err != nil {
				return fmt.Errorf("constraint %q: referenced columns: %w", name, err)
			}
			if refns != r.opts.Schema {
				reftable = refns + "." + reftable
			}
			t.ForeignKeys = append(t.ForeignKeys, &schema.ForeignKey{
				Name:              name,
				Columns:           columns,
				RefTable:          reftable,
				RefColumns:        refColumns,
				OnDelete:          pgActions[onDelete],
				OnUpdate:          pgActions[onUpdate],
				Deferrable:        deferrable,
				InitiallyDeferred: deferred,
			})
		}
		return nil
	})
}

// pgCheckExpr extracts the expression from pg_get_constraintdef's
// "CHECK ((expr))[ NO INHERIT][ NOT VALID]": the text inside CHECK's
// parentheses, less the one layer of parentheses the deparser adds.
func pgCheckExpr(def string) string {
	rest, ok := strings.CutPrefix(def, "CHECK ")
	if !ok || !strings.HasPrefix(rest, "(") {
		return def
	}
	end := closingParen(rest)
	if end < 0 {
		return def
	}
	return stripOuterParens(rest[1:end])
}

func (r *pgReader) version() error {
	var v string
	if err := r.query(pgVersionQuery, false, func(rows *sql.Rows) error { return rows.Scan(&v) }); err != nil {
		return err
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return fmt.Errorf("server_version_num %q: %w", v, err)
	}
	r.serverVersion = n
	return nil
}

func (r *pgReader) indexes() error {
	nullsNotDistinct := "false"
	if r.serverVersion >= 150000 {
		nullsNotDistinct = "i.indnullsnotdistinct"
	}
	return r.query(fmt.Sprintf(pgIndexesQuery, nullsNotDistinct), true, func(rows *sql.Rows) error {
		var (
			oid         int64
			x           schema.Index
			method      string
			where, keys string
			nkeys       int
			def         string
		)
		if err := rows.Scan(&oid, &x.Name, &x.Unique, &method, &where, &x.NullsNotDistinct, &nkeys, &keys, &def); err != nil {
			return err
		}
		t := r.tables[oid]
		if t == nil {
			return nil
		}
		if method != "btree" {
			x.Method = method
		}
		if where != "" {
			x.Where = schema.SQL{schema.Postgres: where}
		}
		var parts []pgIndexPart
		if err := json.Unmarshal([]byte(keys), &parts); err != nil {
			return fmt.Errorf("index %q: keys: %w", x.Name, err)
		}
		var explicit []bool
		if def != "" {
			explicit = pgExplicitCollations(def)
		}
		x.Keys = make([]schema.IndexKey, 0, nkeys)
		for i, p := range parts {
			if i >= nkeys {
				x.Include = append(x.Include, p.Column)
				continue
			}
			k := schema.IndexKey{Column: p.Column, Desc: p.Desc, Opclass: p.Opclass}
			if p.Column == "" {
				k.Expr = schema.SQL{schema.Postgres: p.Expr}
				if def != "" && (i >= len(explicit) || !explicit[i]) {
					p.Collation = "" // the expression's own collation
				}
			}
			k.Collation = collation(schema.Postgres, p.Collation)
			switch {
			case !p.Desc && p.NullsFirst:
				k.Nulls = "first"
			case p.Desc && !p.NullsFirst:
				k.Nulls = "last"
			}
			x.Keys = append(x.Keys, k)
		}
		t.Indexes = append(t.Indexes, &x)
		return nil
	})
}

// pgIndexPart is one index position as pgIndexesQuery returns it, a JSON
// array [expr, column, desc, nulls first, opclass, collation].
type pgIndexPart struct {
	Expr, Column       string
	Desc, NullsFirst   bool
	Opclass, Collation string
}

// UnmarshalJSON decodes the positional array.
func (p *pgIndexPart) UnmarshalJSON(b []byte) error {
	return json.Unmarshal(b, &[]any{&p.Expr, &p.Column, &p.Desc, &p.NullsFirst, &p.Opclass, &p.Collation})
}

func (r *pgReader) extensions() error {
	return r.query(pgExtensionsQuery, false, func(rows *sql.Rows) error {
		var e schema.Extension
		if err := rows.Scan(&e.Name); err != nil {
			return err
		}
		r.out.Extensions = append(r.out.Extensions, e)
		return nil
	})
}

// pgExplicitCollations reports, for each key of an index definition as
// pg_get_indexdef writes it, whether the key has a COLLATE clause of its
// own. The deparser parenthesises every expression that is not a function
// call, so a top-level COLLATE belongs to the key.
func pgExplicitCollations(def string) []bool {
	p, err := newParser(def)
	if err != nil {
		return nil
	}
	for !p.done() && !p.isKeyword(p.pos, "USING") {
		p.pos++
	}
	p.pos += 2 // USING method
	from, to, err := p.group()
	if err != nil {
		return nil
	}
	var out []bool
	for _, el := range p.splitList(from, to) {
		explicit, depth := false, 0
		for i := el[0]; i < el[1]; i++ {
			switch {
			case p.isPunct(i, '('):
				depth++
			case p.isPunct(i, ')'):
				depth--
			case depth == 0 && p.isKeyword(i, "COLLATE"):
				explicit = true
			}
		}
		out = append(out, explicit)
	}
	return out
}
