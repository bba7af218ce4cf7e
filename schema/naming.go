package schema

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"strings"
)

// NamingConvention gives templates for the names of indexes and constraints
// declared without one, in SQLAlchemy's syntax so that names match
// databases that Alembic created. Supported tokens:
//
//	%(table_name)s            the table
//	%(column_0_name)s         the first column
//	%(column_0_N_name)s       all columns joined with "_"
//	%(column_0N_name)s        all columns joined with ""
//	%(referred_table_name)s   a foreign key's referenced table
//	%(referred_column_0_name)s  its first referenced column
//	%(constraint_name)s       the name given explicitly
//
// A template containing %(constraint_name)s is applied to explicit names
// too, as SQLAlchemy does; others apply only to unnamed objects. A name made
// from a template is cut to the dialect's identifier limit (see Name).
type NamingConvention struct {
	Index      string `json:"ix,omitempty"`
	Unique     string `json:"uq,omitempty"`
	Check      string `json:"ck,omitempty"`
	ForeignKey string `json:"fk,omitempty"`
	PrimaryKey string `json:"pk,omitempty"`
}

// PrefectNaming is the naming convention of Prefect's (and many SQLAlchemy
// projects') MetaData.
var PrefectNaming = NamingConvention{
	Index:      "ix_%(table_name)s__%(column_0_N_name)s",
	Unique:     "uq_%(table_name)s__%(column_0_N_name)s",
	Check:      "ck_%(table_name)s__%(constraint_name)s",
	ForeignKey: "fk_%(table_name)s__%(column_0_N_name)s__%(referred_table_name)s",
	PrimaryKey: "pk_%(table_name)s",
}

// MaxIdentLen is the longest identifier dialect d accepts, in bytes; 0 means
// no limit.
func MaxIdentLen(d Dialect) int {
	if d == Postgres {
		return 63
	}
	return 0
}

// Name returns the name an object gets on dialect d. A name made from the
// naming convention (generated) that is longer than the dialect's limit is
// cut as SQLAlchemy cuts it: the first limit-8 bytes, "_", and the last four
// hex digits of the md5 of the full name. Other names are returned as they
// are; Validate rejects explicit names over the limit.
func Name(d Dialect, name string, generated bool) string {
	limit := MaxIdentLen(d)
	if !generated || limit == 0 || len(name) <= limit {
		return name
	}
	sum := md5.Sum([]byte(name))
	h := hex.EncodeToString(sum[:])
	return name[:limit-8] + "_" + h[len(h)-4:]
}

// On returns the index's name on dialect d.
func (x *Index) On(d Dialect) string { return Name(d, x.Name, x.Generated) }

// On returns the constraint's name on dialect d.
func (u *Unique) On(d Dialect) string { return Name(d, u.Name, u.Generated) }

// On returns the constraint's name on dialect d.
func (c *Check) On(d Dialect) string { return Name(d, c.Name, c.Generated) }

// On returns the constraint's name on dialect d.
func (fk *ForeignKey) On(d Dialect) string { return Name(d, fk.Name, fk.Generated) }

// On returns the constraint's name on dialect d.
func (pk *PrimaryKey) On(d Dialect) string { return Name(d, pk.Name, pk.Generated) }

// CheckName returns the name the convention gives a CHECK constraint of
// table whose own name is constraint, and whether the convention made it
// (false, and constraint unchanged, when it has no check template).
func (n *NamingConvention) CheckName(table, constraint string) (string, bool) {
	name, generated, err := applyName(constraint, n.Check, namingTokens{table: table})
	if err != nil || name == "" {
		return constraint, false
	}
	return name, generated
}

// namingTokens holds the values a template's tokens expand to.
type namingTokens struct {
	table, constraint, referredTable string
	columns, referredColumns         []string
}

// expand fills a template. It fails when the template needs a value the
// object does not have (a column name for an expression-only index, say).
func (tok namingTokens) expand(template string) (string, error) {
	var b strings.Builder
	rest := template
	for {
		i := strings.Index(rest, "%(")
		if i < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		b.WriteString(rest[:i])
		j := strings.Index(rest[i:], ")s")
		if j < 0 {
			return "", fmt.Errorf("naming template %q: unterminated token", template)
		}
		token := rest[i+2 : i+j]
		rest = rest[i+j+2:]
		v, err := tok.value(token)
		if err != nil {
			return "", fmt.Errorf("naming template %q: %w", template, err)
		}
		b.WriteString(v)
	}
}

func (tok namingTokens) value(token string) (string, error) {
	need := func(v string, what string) (string, error) {
		if v == "" {
			return "", fmt.Errorf("%%(%s)s needs %s", token, what)
		}
		return v, nil
	}
	first := func(xs []string) string {
		if len(xs) == 0 {
			return ""
		}
		return xs[0]
	}
	switch token {
	case "table_name":
		return need(tok.table, "a table")
	case "constraint_name":
		return need(tok.constraint, "an explicit name")
	case "referred_table_name":
		return need(tok.referredTable, "a referenced table")
	case "column_0_name", "column_0_label", "column_0_key":
		return need(first(tok.columns), "a column key")
	case "column_0_N_name", "column_0_N_label", "column_0_N_key":
		return need(strings.Join(tok.columns, "_"), "column keys")
	case "column_0N_name", "column_0N_label", "column_0N_key":
		return need(strings.Join(tok.columns, ""), "column keys")
	case "referred_column_0_name":
		return need(first(tok.referredColumns), "a referenced column")
	case "referred_column_0_N_name":
		return need(strings.Join(tok.referredColumns, "_"), "referenced columns")
	case "referred_column_0N_name":
		return need(strings.Join(tok.referredColumns, ""), "referenced columns")
	}
	return "", fmt.Errorf("unknown token %%(%s)s", token)
}

// applyName computes an object's name from its explicit name and the
// template: it returns the name and whether it was generated.
func applyName(explicit, template string, tok namingTokens) (string, bool, error) {
	switch {
	case template == "":
		return explicit, false, nil
	case explicit != "" && !strings.Contains(template, "%(constraint_name)s"):
		return explicit, false, nil
	case explicit == "" && strings.Contains(template, "%(constraint_name)s"):
		return "", false, nil
	}
	tok.constraint = explicit
	name, err := tok.expand(template)
	if err != nil {
		return "", false, err
	}
	return name, true, nil
}
