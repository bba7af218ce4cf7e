package diff_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/schema"
)

// TestPostgresReparsedExpressionsCompareEqual creates CHECK constraints and
// partial indexes from text on PostgreSQL, re-creates each from its
// reflected text (as another tool, or an older autogen, would), and checks
// that the comparison sees no change between the two, though PostgreSQL
// prints IN lists on varchar columns differently once parsed again.
func TestPostgresReparsedExpressionsCompareEqual(t *testing.T) {
	ctx := context.Background()
	d := schema.Postgres
	exprs := []string{
		"k IN ('a', 'b')",
		"k NOT IN ('a', 'b', 'it''s')",
		"coalesce(k, 'x') IN ('a', 'b')",
		"(k IN ('a', 'b')) AND (x IN ('c', 'd'))",
		"c IN ('a', 'b')",
		"b IN (1, 2)",
		"n IN (1, 2.5)",
		"k = ANY (ARRAY['a', 'b'])",
		"k BETWEEN 'a' AND 'b'",
		"lower(k) IN ('a', 'b')",
	}
	db := openDB(t, d)
	exec := func(q string) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("CREATE TABLE t (k varchar(20), c char(3), x text, b bigint, n numeric)")
	for i, e := range exprs {
		exec(fmt.Sprintf("ALTER TABLE t ADD CONSTRAINT ck_%d CHECK (%s)", i, e))
		exec(fmt.Sprintf("CREATE INDEX ix_%d ON t (x) WHERE %s", i, e))
	}
	before := reflectDB(t, d, db)
	for i := range exprs {
		ck := before.Tables[0].Check(fmt.Sprintf("ck_%d", i))
		ix := before.Tables[0].Index(fmt.Sprintf("ix_%d", i))
		exec(fmt.Sprintf("ALTER TABLE t DROP CONSTRAINT ck_%d, ADD CONSTRAINT ck_%d CHECK (%s)", i, i, ck.Expr[d]))
		exec(fmt.Sprintf("DROP INDEX ix_%d", i))
		exec(fmt.Sprintf("CREATE INDEX ix_%d ON t (x) WHERE %s", i, ix.Where[d]))
	}
	after := reflectDB(t, d, db)
	if after.Tables[0].Check("ck_0").Expr[d] == before.Tables[0].Check("ck_0").Expr[d] {
		t.Fatalf("the IN list prints the same after a second parse (%s); the test no longer shows the difference", before.Tables[0].Check("ck_0").Expr[d])
	}
	r, err := diff.Compare(d, before, after, diff.Options{Filter: &diff.Filter{}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range r.Changes {
		t.Errorf("re-created from its own text, the schema differs: %s", c)
	}
	// Different lists stay different.
	exec("ALTER TABLE t DROP CONSTRAINT ck_0, ADD CONSTRAINT ck_0 CHECK (k IN ('a', 'c'))")
	r, err = diff.Compare(d, before, reflectDB(t, d, db), diff.Options{Filter: &diff.Filter{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Changes) != 2 {
		t.Errorf("a check with another IN list: changes %v, want the check dropped and added", r.Changes)
	}
}
