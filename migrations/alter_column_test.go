package migrations

import (
	"context"
	"database/sql"
	"testing"

	"github.com/autogen-dev/autogen/reflect"
	"github.com/autogen-dev/autogen/schema"
)

// TestIdentityChanges adds an identity to a column holding rows, changes
// its kind and drops it: the added identity continues after the largest
// value, the change of kind keeps its sequence, and the dropped one leaves
// an ordinary NOT NULL column. On SQLite the identity is AUTOINCREMENT on
// the INTEGER PRIMARY KEY, added and dropped by a rebuild that keeps rows.
func TestIdentityChanges(t *testing.T) {
	ctx := context.Background()
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		db := openTestDB(t, d)
		tbl := &schema.Table{Name: "item", Columns: []*schema.Column{
			{Name: "id", Type: schema.Integer, NotNull: true},
			{Name: "name", Type: schema.Text},
		}, PrimaryKey: &schema.PrimaryKey{Name: "pk_item", Columns: []string{"id"}}}
		if err := Apply(ctx, db, d, []Operation{CreateTable{Table: tbl}}); err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, "INSERT INTO item (id, name) VALUES (7, 'a'), (41, 'b')")
		kind := schema.IdentityByDefault
		if d == schema.SQLite {
			kind = schema.IdentityAutoincrement
		}
		add := &Op{}
		add.AlterColumn("item", "id", AddIdentity(kind))
		if err := Apply(ctx, db, d, add.Operations()); err != nil {
			t.Fatalf("add identity: %v", err)
		}
		mustExec(t, db, "INSERT INTO item (name) VALUES ('c')")
		if got := queryInt(t, db, "SELECT id FROM item WHERE name = 'c'"); got != 42 {
			t.Errorf("the first generated value is %d, want 42 (after the largest id)", got)
		}
		if d == schema.Postgres {
			always := &Op{}
			always.AlterColumn("item", "id", SetIdentity(schema.IdentityAlways))
			if err := Apply(ctx, db, d, always.Operations()); err != nil {
				t.Fatalf("set identity: %v", err)
			}
			if got := queryStrings(t, db, "SELECT attidentity::text FROM pg_attribute WHERE attrelid = 'item'::regclass AND attname = 'id'"); got[0] != "a" {
				t.Errorf("identity kind %q, want a (always)", got[0])
			}
			mustExec(t, db, "INSERT INTO item (name) VALUES ('d')")
			if got := queryInt(t, db, "SELECT id FROM item WHERE name = 'd'"); got != 43 {
				t.Errorf("after SET GENERATED the next value is %d, want 43 (the same sequence)", got)
			}
		}
		drop := &Op{}
		drop.AlterColumn("item", "id", DropIdentity())
		if err := Apply(ctx, db, d, drop.Operations()); err != nil {
			t.Fatalf("drop identity: %v", err)
		}
		if d == schema.Postgres {
			if _, err := db.ExecContext(ctx, "INSERT INTO item (name) VALUES ('e')"); err == nil {
				t.Error("after DROP IDENTITY a row without id was accepted; want a NOT NULL violation")
			}
		}
		if got := queryInt(t, db, "SELECT count(*) FROM item"); got < 3 {
			t.Errorf("%d rows left, want every row kept", got)
		}
	})
}

// TestCollationChanges sets a column's collation with and without a type
// change and checks the collation the database reports.
func TestCollationChanges(t *testing.T) {
	ctx := context.Background()
	eachDialect(t, func(t *testing.T, d schema.Dialect) {
		db := openTestDB(t, d)
		tbl := &schema.Table{Name: "item", Columns: []*schema.Column{
			{Name: "id", Type: schema.Integer, NotNull: true},
			{Name: "name", Type: schema.Varchar(20), Collation: schema.SQL{schema.Postgres: "C", schema.SQLite: "NOCASE"}},
		}, PrimaryKey: &schema.PrimaryKey{Name: "pk_item", Columns: []string{"id"}}}
		if err := Apply(ctx, db, d, []Operation{CreateTable{Table: tbl}}); err != nil {
			t.Fatal(err)
		}
		mustExec(t, db, "INSERT INTO item (id, name) VALUES (1, 'b'), (2, 'B')")
		other := map[schema.Dialect]string{schema.Postgres: "POSIX", schema.SQLite: "RTRIM"}[d]
		steps := []struct {
			what    string
			changes []ColumnChange
			want    string
		}{
			{"type change keeps the collation", []ColumnChange{SetType(schema.Varchar(40)), SetCollation(map[schema.Dialect]string{schema.Postgres: "C", schema.SQLite: "NOCASE"}[d])},
				map[schema.Dialect]string{schema.Postgres: "C", schema.SQLite: "NOCASE"}[d]},
			{"collation changed", []ColumnChange{SetType(schema.Varchar(40)), SetCollation(other)}, other},
			{"collation dropped", []ColumnChange{SetType(schema.Varchar(40)), SetCollation("")}, ""},
		}
		for _, s := range steps {
			op := &Op{}
			op.AlterColumn("item", "name", s.changes...)
			if err := Apply(ctx, db, d, op.Operations()); err != nil {
				t.Fatalf("%s: %v", s.what, err)
			}
			if got := columnCollation(t, db, d, "item", "name"); got != s.want {
				t.Errorf("%s: collation %q, want %q", s.what, got, s.want)
			}
		}
		if got := queryInt(t, db, "SELECT count(*) FROM item"); got != 2 {
			t.Errorf("%d rows left, want 2", got)
		}
	})
}

// columnCollation returns a column's collation as reflection reads it.
func columnCollation(t *testing.T, db *sql.DB, d schema.Dialect, table, column string) string {
	t.Helper()
	s, err := reflect.Database(context.Background(), d, db, reflect.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tbl := s.Table(table)
	if tbl == nil || tbl.Column(column) == nil {
		t.Fatalf("no column %q.%q", table, column)
	}
	return tbl.Column(column).Collation.Name(d)
}

// TestIdentityOnColumnOwningASequence adds an identity to a column that
// still owns another sequence (a serial's, descending here): the identity's
// own sequence is the one moved past the rows, whichever one
// pg_get_serial_sequence would name.
func TestIdentityOnColumnOwningASequence(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t, schema.Postgres)
	mustExec(t, db, `CREATE SEQUENCE down_seq INCREMENT -1 MAXVALUE -1;
		CREATE TABLE item (id integer NOT NULL, name text);
		ALTER SEQUENCE down_seq OWNED BY item.id;
		INSERT INTO item VALUES (5, 'a')`)
	add := &Op{}
	add.AlterColumn("item", "id", AddIdentity(schema.IdentityAlways))
	if err := Apply(ctx, db, schema.Postgres, add.Operations()); err != nil {
		t.Fatalf("add identity: %v", err)
	}
	mustExec(t, db, "INSERT INTO item (name) VALUES ('b')")
	if got := queryInt(t, db, "SELECT id FROM item WHERE name = 'b'"); got != 6 {
		t.Errorf("the first generated value is %d, want 6 (after the largest id)", got)
	}
}
