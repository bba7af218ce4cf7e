package reflect

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// This file reads the PostgreSQL objects around the tables: sequences,
// domains and the objects autogen lists but does not manage. Each is one
// bulk catalog query; which sequences and domains belong to the model
// (those a reflected column uses) is settled afterwards, in Go.

// notExtensionMember is a condition on a catalog row (class given as the
// catalog's regclass, oid as the column holding the object's oid) that
// leaves out objects an extension created.
func notExtensionMember(class, oid string) string {
	return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
		WHERE dep.classid = '` + class + `'::pg_catalog.regclass AND dep.objid = ` + oid + ` AND dep.deptype = 'e')`
}

// pgSequencesQuery lists the sequences of the namespace with their
// parameters and the column that owns them, if any (deptype 'a': OWNED BY,
// as serial columns do). Identity columns' sequences (deptype 'i') are
// part of their column and left out.
var pgSequencesQuery = `
SELECT c.relname, pg_catalog.format_type(s.seqtypid, NULL),
	s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
	coalesce(own.deptype::text, ''), coalesce(oc.relname, ''), coalesce(oa.attname, ''),
	coalesce(ons.nspname, '')
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
LEFT JOIN pg_catalog.pg_depend own
	ON own.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND own.objid = c.oid
	AND own.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND own.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class oc ON oc.oid = own.refobjid
LEFT JOIN pg_catalog.pg_namespace ons ON ons.oid = oc.relnamespace
LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = own.refobjid AND oa.attnum = own.refobjsubid
WHERE n.nspname = $1 AND c.relkind = 'S'
  AND ` + notExtensionMember("pg_catalog.pg_class", "c.oid")

// pgDomainsQuery lists the domains of the namespace: base type (with what
// is needed to recognise an enum of the namespace), NOT NULL, default,
// collation when it is not the base type's, and CHECK constraints as
// [name, definition] pairs.
var pgDomainsQuery = `
SELECT t.typname, pg_catalog.format_type(t.typbasetype, t.typtypmod),
	bt.typtype::text, bn.nspname, bt.typname,
	t.typnotnull, coalesce(pg_catalog.pg_get_expr(t.typdefaultbin, 0), ''),
	coalesce(co.collname, ''),
	coalesce((SELECT pg_catalog.json_agg(pg_catalog.json_build_array(con.conname, pg_catalog.pg_get_constraintdef(con.oid)) ORDER BY con.conname)
		FROM pg_catalog.pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c')::text, '[]')
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype
JOIN pg_catalog.pg_namespace bn ON bn.oid = bt.typnamespace
LEFT JOIN pg_catalog.pg_collation co ON co.oid = t.typcollation AND t.typcollation <> bt.typcollation
WHERE n.nspname = $1 AND t.typtype = 'd'
  AND ` + notExtensionMember("pg_catalog.pg_type", "t.oid")

// pgUnmanagedQuery lists, with the tables each depends on, the objects of
// the namespace autogen does not manage: views, materialized views and
// foreign tables; partitions and inheritance children; triggers (not the
// internal ones behind foreign keys, nor the clones on partitions); rules
// (not a view's _RETURN); functions, procedures and aggregates. %s is the
// condition that leaves out triggers cloned onto partitions, which older
// servers cannot express.
var pgUnmanagedQuery = `
WITH ns AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)
SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized_view' ELSE 'foreign_table' END,
	c.relname::text,
	coalesce((SELECT pg_catalog.json_agg(DISTINCT rc.relname)
		FROM pg_catalog.pg_rewrite r
		JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass AND d.objid = r.oid
			AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refobjid <> c.oid
		JOIN pg_catalog.pg_class rc ON rc.oid = d.refobjid AND rc.relnamespace = c.relnamespace
		WHERE r.ev_class = c.oid)::text, '[]')
FROM pg_catalog.pg_class c
WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relkind IN ('v', 'm', 'f')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits inh WHERE inh.inhrelid = c.oid)
  AND ` + notExtensionMember("pg_catalog.pg_class", "c.oid") + `
UNION ALL
SELECT CASE WHEN c.relispartition THEN 'partition' ELSE 'inheritance_child' END,
	c.relname,
	pg_catalog.json_agg(pc.relname ORDER BY inh.inhseqno)::text
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_inherits inh ON inh.inhrelid = c.oid
JOIN pg_catalog.pg_class pc ON pc.oid = inh.inhparent
WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relkind IN ('r', 'p', 'f')
GROUP BY c.oid, c.relname, c.relispartition
UNION ALL
SELECT 'trigger', tg.tgname, pg_catalog.json_build_array(c.relname)::text
FROM pg_catalog.pg_trigger tg
JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
WHERE c.relnamespace IN (SELECT oid FROM ns) AND NOT tg.tgisinternal%s
UNION ALL
SELECT 'rule', r.rulename, pg_catalog.json_build_array(c.relname)::text
FROM pg_catalog.pg_rewrite r
JOIN pg_catalog.pg_class c ON c.oid = r.ev_class
WHERE c.relnamespace IN (SELECT oid FROM ns) AND r.rulename <> '_RETURN'
UNION ALL
SELECT 'function', p.proname::text || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', '[]'
FROM pg_catalog.pg_proc p
WHERE p.pronamespace IN (SELECT oid FROM ns)
  AND ` + notExtensionMember("pg_catalog.pg_proc", "p.oid")

// pgSequence is a sequence as pgSequencesQuery returns it.
type pgSequence struct {
	seq   *schema.Sequence
	owned string // "a" (OWNED BY), "i" (identity) or ""
	// ownerNS is the owner table's namespace.
	ownerNS string
}

func (r *pgReader) sequences() error {
	return r.query(pgSequencesQuery, true, func(rows *sql.Rows) error {
		var (
			q                     schema.Sequence
			typ, owned, ownerNS   string
			start, incr, min, max int64
			cache                 int64
		)
		if err := rows.Scan(&q.Name, &typ, &start, &incr, &min, &max, &cache, &q.Cycle,
			&owned, &q.OwnerTable, &q.OwnerColumn, &ownerNS); err != nil {
			return err
		}
		if owned == "i" {
			return nil // an identity column's own sequence
		}
		q.Type = schema.ParseType(schema.Postgres, typ)
		canonicalSequence(&q, start, incr, min, max, cache)
		r.seqs = append(r.seqs, pgSequence{seq: &q, owned: owned, ownerNS: ownerNS})
		return nil
	})
}

// canonicalSequence sets a sequence's numbers, leaving at zero those equal
// to PostgreSQL's defaults for its type and direction, and its type zero
// when it is bigint.
func canonicalSequence(q *schema.Sequence, start, incr, min, max, cache int64) {
	typeMin, typeMax := int64(math.MinInt64), int64(math.MaxInt64)
	switch q.Type.Kind {
	case schema.KindSmallInt:
		typeMin, typeMax = math.MinInt16, math.MaxInt16
	case schema.KindInteger:
		typeMin, typeMax = math.MinInt32, math.MaxInt32
	case schema.KindBigInt:
		q.Type = schema.Type{}
	}
	defMin, defMax := int64(1), typeMax
	if incr < 0 {
		defMin, defMax = typeMin, -1
	}
	defStart := min
	if incr < 0 {
		defStart = max
	}
	if start != defStart {
		q.Start = start
	}
	if incr != 1 {
		q.Increment = incr
	}
	if min != defMin {
		q.MinValue = min
	}
	if max != defMax {
		q.MaxValue = max
	}
	if cache != 1 {
		q.Cache = cache
	}
}

func (r *pgReader) domains() error {
	return r.query(pgDomainsQuery, true, func(rows *sql.Rows) error {
		var (
			d                      schema.Domain
			typ, btype, bns, bname string
			def, checks            string
		)
		if err := rows.Scan(&d.Name, &typ, &btype, &bns, &bname, &d.NotNull, &def, &d.Collation, &checks); err != nil {
			return err
		}
		switch {
		case btype == "e" && bns == r.opts.Schema:
			d.Type = schema.EnumType(bname)
		case btype == "d" && bns == r.opts.Schema:
			d.Type = schema.DomainType(bname)
		default:
			d.Type = schema.ParseType(schema.Postgres, typ)
		}
		if def != "" {
			d.Default = schema.ParseDefault(schema.Postgres, def, d.Type)
		}
		var pairs [][2]string
		if err := json.Unmarshal([]byte(checks), &pairs); err != nil {
			return fmt.Errorf("domain %q: constraints: %w", d.Name, err)
		}
		for _, p := range pairs {
			d.Checks = append(d.Checks, &schema.Check{Name: p[0], Expr: schema.SQL{schema.Postgres: pgCheckExpr(p[1])}})
		}
		r.domainList = append(r.domainList, &d)
		return nil
	})
}

func (r *pgReader) unmanaged() error {
	notClone := ""
	if r.serverVersion >= 130000 {
		notClone = " AND tg.tgparentid = 0"
	}
	return r.query(fmt.Sprintf(pgUnmanagedQuery, notClone), true, func(rows *sql.Rows) error {
		var (
			o      schema.UnmanagedObject
			kind   string
			tables string
		)
		if err := rows.Scan(&kind, &o.Name, &tables); err != nil {
			return err
		}
		o.Kind = schema.UnmanagedKind(kind)
		if err := json.Unmarshal([]byte(tables), &o.Tables); err != nil {
			return fmt.Errorf("%s %q: tables: %w", kind, o.Name, err)
		}
		if len(o.Tables) == 0 {
			o.Tables = nil
		}
		r.out.Unmanaged = append(r.out.Unmanaged, o)
		return nil
	})
}

// sortOut puts the sequences and domains the reflected tables use into the
// schema, and the others on the unmanaged list. A sequence belongs to the
// schema when a reflected column draws its default from it or owns it; a
// domain when a reflected column (or a domain that belongs) has it as its
// type.
func (r *pgReader) sortOut() {
	usedSeq := map[string]bool{}
	usedDomain := map[string]bool{}
	var markDomain func(t schema.Type)
	markDomain = func(t schema.Type) {
		switch {
		case t.Kind == schema.KindDomain && !usedDomain[t.Domain]:
			usedDomain[t.Domain] = true
			for _, d := range r.domainList {
				if d.Name == t.Domain {
					markDomain(d.Type)
				}
			}
		case t.Kind == schema.KindArray && t.Elem != nil:
			markDomain(*t.Elem)
		}
	}
	tables := map[string]bool{}
	for _, t := range r.out.Tables {
		tables[t.Name] = true
		for _, c := range t.Columns {
			if c.Default.Kind == schema.DefaultSequence {
				usedSeq[c.Default.Value] = true
			}
			markDomain(c.Type)
		}
	}
	for _, s := range r.seqs {
		q := s.seq
		ownedHere := s.owned == "a" && s.ownerNS == r.opts.Schema && tables[q.OwnerTable]
		if !ownedHere {
			q.OwnerTable, q.OwnerColumn = "", ""
		}
		if ownedHere || usedSeq[q.Name] {
			r.out.Sequences = append(r.out.Sequences, q)
			continue
		}
		o := schema.UnmanagedObject{Kind: schema.UnmanagedSequence, Name: q.Name}
		if s.owned == "a" && s.ownerNS == r.opts.Schema && q.OwnerTable != "" {
			o.Tables = []string{q.OwnerTable}
		}
		r.out.Unmanaged = append(r.out.Unmanaged, o)
	}
	for _, d := range r.domainList {
		if usedDomain[d.Name] {
			r.out.Domains = append(r.out.Domains, d)
		} else {
			r.out.Unmanaged = append(r.out.Unmanaged, schema.UnmanagedObject{Kind: schema.UnmanagedDomain, Name: d.Name, Domain: d})
		}
	}
}

// cmpUnmanaged orders unmanaged objects by kind, name and tables.
func cmpUnmanaged(a, b schema.UnmanagedObject) int {
	if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return slices.Compare(a.Tables, b.Tables)
}
