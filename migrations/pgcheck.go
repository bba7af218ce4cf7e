package migrations

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// CHECK constraints that re-create themselves, on PostgreSQL.
//
// PostgreSQL keeps a CHECK expression as a parsed tree and prints it back
// (pg_get_constraintdef) with every implicit cast made explicit. Parsing
// that text again does not always give the same tree: "kind IN ('a', 'b')"
// on a varchar column prints as
//
//	(kind)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])
//
// and that text, parsed again, casts each element instead of the array:
//
//	(kind)::text = ANY (ARRAY[('a'::character varying)::text, ('b'::character varying)::text])
//
// A downgrade re-creates a dropped constraint from its reflected text, so
// it would not restore the schema exactly. The runtime therefore stores
// every CHECK it creates in the form that prints back as itself: after
// creating it, it asks the server to parse the printed text again (on a
// NOT VALID probe constraint, which reads no rows) and, while the result
// differs, replaces the constraint with the new text. Almost always the
// first probe settles it. Offline SQL cannot ask the server and writes the
// model's text; the comparison treats both forms as the same expression.

// checkProbe names the probe constraint.
const checkProbe = "_autogen_check_probe"

// maxCheckRounds bounds the re-parsing; PostgreSQL's output is stable after
// one round for every expression known.
const maxCheckRounds = 4

// checkOwner is the table or domain a CHECK constraint belongs to.
type checkOwner struct {
	name   string
	domain bool
}

// alter is "ALTER TABLE <name>" or "ALTER DOMAIN <name>".
func (o checkOwner) alter() string {
	if o.domain {
		return "ALTER DOMAIN " + ident(pg, o.name)
	}
	return alterTable(pg, o.name)
}

// filter is the pg_constraint condition selecting the owner's constraints,
// with the owner's quoted name as $1.
func (o checkOwner) filter() string {
	if o.domain {
		return "con.contypid = pg_catalog.to_regtype($1)"
	}
	return "con.conrelid = pg_catalog.to_regclass($1)"
}

func (o checkOwner) String() string {
	if o.domain {
		return fmt.Sprintf("domain %q", o.name)
	}
	return fmt.Sprintf("table %q", o.name)
}

// createdChecks returns the owner of the CHECK constraints op creates on
// PostgreSQL and the name of the one it adds; an empty name means every
// check of the owner (a new table or domain, whose checks may be
// unnamed). An unnamed check added to an existing table is left as it is.
func createdChecks(op Operation) (owner checkOwner, name string, ok bool) {
	switch o := op.(type) {
	case CreateTable:
		if o.Table != nil && appliesTo(o.Table.Only, pg) && len(o.Table.Checks) > 0 {
			return checkOwner{name: o.Table.Name}, "", true
		}
	case AddCheck:
		if o.Check != nil && o.Check.On(pg) != "" {
			return checkOwner{name: o.Table}, o.Check.On(pg), true
		}
	case CreateDomain:
		if o.Domain != nil && len(o.Domain.Checks) > 0 {
			return checkOwner{name: o.Domain.Name, domain: true}, "", true
		}
	case AlterDomain:
		if o.AddCheck != nil && o.AddCheck.Name != "" {
			return checkOwner{name: o.Name, domain: true}, o.AddCheck.Name, true
		}
	}
	return checkOwner{}, "", false
}

// settleChecks re-creates the CHECK constraints op created, on PostgreSQL,
// in the form the server prints back as itself (see above).
func (x *executor) settleChecks(ctx context.Context, op Operation) error {
	owner, name, ok := createdChecks(op)
	if !ok {
		return nil
	}
	defs, err := x.checkDefs(ctx, owner, name)
	if err != nil {
		return err
	}
	for _, c := range defs {
		if err := x.settleCheck(ctx, owner, c[0], c[1]); err != nil {
			return fmt.Errorf("storing check constraint %q of %s in the form PostgreSQL prints: %w", c[0], owner, err)
		}
	}
	return nil
}

// checkDefs returns [name, definition] of the owner's CHECK constraint
// named name, or of all of them when name is "".
func (x *executor) checkDefs(ctx context.Context, owner checkOwner, name string) ([][2]string, error) {
	q := `SELECT con.conname, pg_catalog.pg_get_constraintdef(con.oid) FROM pg_catalog.pg_constraint con
		WHERE con.contype = 'c' AND ` + owner.filter() + ` AND ($2 = '' OR con.conname = $2) ORDER BY con.conname`
	rows, err := x.query(ctx, q, ident(pg, owner.name), name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			return nil, fmt.Errorf("reading the check constraints of %s: %w", owner, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// settleCheck probes the definition def of constraint name and replaces
// the constraint until the server prints back what it was given.
func (x *executor) settleCheck(ctx context.Context, owner checkOwner, name, def string) error {
	for range maxCheckRounds {
		again, err := x.probeCheck(ctx, owner, def)
		if err != nil {
			return err
		}
		if again == def {
			return nil
		}
		x.s.log.DebugContext(ctx, "PostgreSQL prints the check constraint differently once parsed again; re-creating it from that text",
			"constraint", name, "was", def, "now", again)
		if err := x.exec(ctx, owner.alter()+" DROP CONSTRAINT "+ident(pg, name)); err != nil {
			return err
		}
		if err := x.exec(ctx, owner.alter()+" ADD CONSTRAINT "+ident(pg, name)+" "+again); err != nil {
			return err
		}
		defs, err := x.checkDefs(ctx, owner, name)
		if err != nil {
			return err
		}
		if len(defs) != 1 {
			return errors.New("the constraint is gone after it was re-created")
		}
		def = defs[0][1]
	}
	x.s.log.WarnContext(ctx, "the check constraint's printed form did not settle; keeping it as it is", "constraint", name, "definition", def)
	return nil
}

// probeCheck adds def as a NOT VALID probe constraint of owner (which
// reads no rows), returns the definition the server prints for it, and
// drops it.
func (x *executor) probeCheck(ctx context.Context, owner checkOwner, def string) (string, error) {
	if strings.HasSuffix(def, " NOT VALID") {
		return def, nil // a constraint created NOT VALID is not autogen's
	}
	if err := x.exec(ctx, owner.alter()+" ADD CONSTRAINT "+ident(pg, checkProbe)+" "+def+" NOT VALID"); err != nil {
		return "", err
	}
	defs, err := x.checkDefs(ctx, owner, checkProbe)
	if err != nil {
		return "", err
	}
	if len(defs) != 1 {
		return "", errors.New("the probe constraint was not found")
	}
	if err := x.exec(ctx, owner.alter()+" DROP CONSTRAINT "+ident(pg, checkProbe)); err != nil {
		return "", err
	}
	return strings.TrimSuffix(defs[0][1], " NOT VALID"), nil
}
