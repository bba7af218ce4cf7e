package migrations

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/autogen-dev/autogen/schema"
)

// fillItems creates owner and item with n rows of varied data and the
// objects that depend on item, made by hand as users make them. One row in
// a thousand (in ten thousand past 10,000 rows) has a text of 1.3 MB.
func fillItems(t testing.TB, db *sql.DB, n int) {
	t.Helper()
	mustExec(t, db,
		`CREATE TABLE owner (id INTEGER NOT NULL, name TEXT, CONSTRAINT pk_owner PRIMARY KEY (id))`,
		`CREATE TABLE item (
			id INTEGER NOT NULL,
			owner_id INTEGER,
			name TEXT,
			code VARCHAR(20),
			status VARCHAR(10),
			qty INTEGER,
			data BLOB,
			body TEXT,
			obsolete TEXT,
			kind TEXT NOT NULL DEFAULT 'plain',
			CONSTRAINT pk_item PRIMARY KEY (id),
			CONSTRAINT uq_item__code UNIQUE (code),
			CONSTRAINT ck_item__qty CHECK (qty IS NULL OR qty >= 0),
			CONSTRAINT fk_item__owner_id__owner FOREIGN KEY (owner_id) REFERENCES owner (id) ON DELETE CASCADE
		)`,
		`CREATE INDEX ix_item__name_desc ON item (name DESC)`,
		`CREATE INDEX "ix_item__lower_name" ON "item" (lower(name), qty)`,
		`create index ix_item__partial on item(qty)   where status is not null  and qty > 10`,
		`CREATE INDEX ix_item__name_nocase ON item (name COLLATE NOCASE)`,
		`CREATE TABLE audit (item_id INTEGER, what TEXT)`,
		`CREATE TRIGGER tr_item_update AFTER UPDATE OF qty ON item BEGIN INSERT INTO audit VALUES (new.id, 'qty ' || new.qty); END`,
		`CREATE TRIGGER tr_owner_delete AFTER DELETE ON owner BEGIN INSERT INTO audit SELECT id, 'orphaned' FROM item WHERE owner_id = old.id; END`,
		`CREATE VIEW v_big_item AS SELECT id, name, qty FROM item WHERE qty > 5`,
		`CREATE VIEW v_big_item_names AS SELECT name FROM v_big_item`,
		`CREATE TRIGGER tr_v_insert INSTEAD OF INSERT ON v_big_item BEGIN INSERT INTO item (id, name, qty, status) VALUES (new.id, new.name, new.qty, 'new'); END`,
	)
	rng := rand.New(rand.NewPCG(1, 2))
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for i := 1; i <= 10; i++ {
		if _, err := tx.Exec(`INSERT INTO owner VALUES (?, ?)`, i, fmt.Sprintf("owner %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	stmt, err := tx.Prepare(`INSERT INTO item (id, owner_id, name, code, status, qty, data, body, obsolete) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Ærøskøbing", "naïve café", "日本語のテキスト", "emoji 🦆🔥", "O'Brien \"quoted\"", "tab\tnew\nline", "", "NUL\x00inside"}
	for i := 1; i <= n; i++ {
		var (
			owner, qty           any
			name, code, st, body any
			data                 any
		)
		if i%7 != 0 {
			owner = 1 + i%10
		}
		if i%5 != 0 {
			name = names[i%len(names)] + fmt.Sprint(i)
		}
		if i%3 != 0 {
			code = fmt.Sprintf("C-%06d", i)
		}
		if i%4 != 0 {
			st = []string{"new", "old", "ÜBER"}[i%3]
		}
		if i%6 != 0 {
			qty = rng.IntN(100)
		}
		if i%2 == 0 {
			b := make([]byte, rng.IntN(300))
			for j := range b {
				b[j] = byte(rng.IntN(256))
			}
			data = b
		}
		switch {
		case i%1000 == 0 && (n <= 10_000 || i%10_000 == 0):
			body = strings.Repeat("large text ✓ ", 100_000) // about 1.3 MB
		case i%11 == 0:
			body = strings.Repeat(fmt.Sprint(i), 50)
		case i%13 == 0:
			body = 3.25 // a REAL in a TEXT column stays a value of its own
		}
		if _, err := stmt.Exec(i, owner, name, code, st, qty, data, body, "x"); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// checksum hashes the rows of a query (values with their SQLite types).
func checksum(t testing.TB, db *sql.DB, query string) (string, int) {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	h := sha256.New()
	n := 0
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			hashValue(h, v)
		}
		h.Write([]byte{'\n'})
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

// hashValue writes a value with its type to h: distinct values of distinct
// types never hash alike.
func hashValue(h hash.Hash, v any) {
	var buf [9]byte
	switch x := v.(type) {
	case nil:
		h.Write([]byte{0})
	case int64:
		buf[0] = 1
		binary.LittleEndian.PutUint64(buf[1:], uint64(x))
		h.Write(buf[:])
	case float64:
		buf[0] = 2
		binary.LittleEndian.PutUint64(buf[1:], math.Float64bits(x))
		h.Write(buf[:])
	case []byte:
		buf[0] = 3
		binary.LittleEndian.PutUint64(buf[1:], uint64(len(x)))
		h.Write(buf[:])
		h.Write(x)
	case string:
		buf[0] = 4
		binary.LittleEndian.PutUint64(buf[1:], uint64(len(x)))
		h.Write(buf[:])
		io.WriteString(h, x)
	default:
		fmt.Fprintf(h, "\x05%T:%v|", v, v)
	}
}

// schemaSQL maps sqlite_schema names to their SQL.
func schemaSQL(t testing.TB, db *sql.DB) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT name, coalesce(sql, '') FROM sqlite_schema`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, s string
		if err := rows.Scan(&n, &s); err != nil {
			t.Fatal(err)
		}
		out[n] = s
	}
	return out
}

const itemRows = `SELECT rowid, id, owner_id, name, code, qty, data, body, typeof(qty), typeof(body) FROM item ORDER BY id`

func TestSQLiteRebuildKeepsEverything(t *testing.T) {
	ctx := context.Background()
	d := schema.SQLite
	db := openTestDB(t, d)
	fillItems(t, db, 10_000)
	wantRows, n := checksum(t, db, itemRows)
	if n != 10_000 {
		t.Fatalf("%d rows", n)
	}
	wantStatus, _ := checksum(t, db, `SELECT id, coalesce(status, 'unknown') FROM item ORDER BY id`)
	before := schemaSQL(t, db)
	wantView, _ := checksum(t, db, `SELECT * FROM v_big_item_names ORDER BY name`)

	err := Apply(ctx, db, d, []Operation{Batch{Table: "item", Ops: []Operation{
		AlterColumn{Table: "item", Column: "code", Type: new(schema.Text)},
		AlterColumn{Table: "item", Column: "status", NotNull: new(true), FillNulls: "'unknown'"},
		AddColumn{Table: "item", Column: &schema.Column{Name: "created", Type: schema.Timestamp, NotNull: true, Default: schema.Now}},
		DropColumn{Table: "item", Column: "obsolete"},
		CreateIndex{Table: "item", Index: &schema.Index{Name: "ix_item__created", Keys: []schema.IndexKey{{Column: "created", Desc: true}}}},
	}}})
	if err != nil {
		t.Fatal(err)
	}

	// Every row, every value, every rowid.
	if got, n := checksum(t, db, itemRows); got != wantRows || n != 10_000 {
		t.Errorf("rows changed: %d rows, checksum %s, want %s", n, got, wantRows)
	}
	if got, _ := checksum(t, db, `SELECT id, status FROM item ORDER BY id`); got != wantStatus {
		t.Error("status not filled as asked")
	}
	if n := queryInt(t, db, `SELECT count(*) FROM item WHERE created IS NULL`); n != 0 {
		t.Errorf("%d rows without the new column's default", n)
	}
	if _, ok := column(t, db, d, "item", "obsolete"); ok {
		t.Error("obsolete survived")
	}
	if c := mustColumn(t, db, d, "item", "code"); c.Type != "TEXT" {
		t.Errorf("code %+v", c)
	}
	if c := mustColumn(t, db, d, "item", "status"); !c.NotNull {
		t.Errorf("status %+v", c)
	}

	// Indexes, triggers and views the batch did not touch: byte for byte.
	after := schemaSQL(t, db)
	for _, name := range []string{"ix_item__name_desc", "ix_item__lower_name", "ix_item__partial", "ix_item__name_nocase",
		"tr_item_update", "tr_owner_delete", "v_big_item", "v_big_item_names", "tr_v_insert"} {
		if before[name] == "" || after[name] != before[name] {
			t.Errorf("%s: before %q, after %q", name, before[name], after[name])
		}
	}
	if after["ix_item__created"] != `CREATE INDEX "ix_item__created" ON "item" ("created" DESC)` {
		t.Errorf("new index %q", after["ix_item__created"])
	}
	if after["sqlite_autoindex_item_1"] != "" || !strings.Contains(after["item"], `CONSTRAINT "uq_item__code" UNIQUE ("code")`) {
		t.Errorf("unique constraint: %q", after["item"])
	}
	for _, name := range []string{"_autogen_tmp_item", sqliteLockProbe} {
		if _, ok := after[name]; ok {
			t.Errorf("%s left behind", name)
		}
	}
	// The query planner uses the re-created indexes, and they hold every row.
	if got := queryStrings(t, db, `PRAGMA integrity_check`); len(got) != 1 || got[0] != "ok" {
		t.Errorf("integrity_check: %v", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM item INDEXED BY ix_item__name_nocase WHERE name = 'NAÏVE CAFÉ1' COLLATE NOCASE OR name IS NOT NULL`); n != 8_000 {
		t.Errorf("%d named rows through the NOCASE index", n)
	}
	if got, _ := checksum(t, db, `SELECT * FROM v_big_item_names ORDER BY name`); got != wantView {
		t.Error("the view on the view returns other rows")
	}
	// Triggers fire.
	mustExec(t, db, `UPDATE item SET qty = 77 WHERE id = 1`, `INSERT INTO v_big_item (id, name, qty) VALUES (20001, 'via view', 9)`)
	if got := queryStrings(t, db, `SELECT what FROM audit`); len(got) != 1 || got[0] != "qty 77" {
		t.Errorf("audit %v", got)
	}
	if queryInt(t, db, `SELECT count(*) FROM item WHERE id = 20001`) != 1 {
		t.Error("the INSTEAD OF trigger did not insert")
	}
	// Constraints and foreign keys are enforced again.
	assertForeignKeysOn(t, db)
	if !fails(db, `INSERT INTO item (id, owner_id, status) VALUES (30000, 999, 'new')`) {
		t.Error("foreign key not enforced after the rebuild")
	}
	if !fails(db, `INSERT INTO item (id, status, qty) VALUES (30001, 'new', -1)`) {
		t.Error("check constraint lost")
	}
	if !fails(db, `INSERT INTO item (id, code) VALUES (30002, 'x')`) {
		t.Error("NOT NULL status not enforced")
	}
	mustExec(t, db, `DELETE FROM owner WHERE id = 2`)
	if n := queryInt(t, db, `SELECT count(*) FROM item WHERE owner_id = 2`); n != 0 {
		t.Errorf("ON DELETE CASCADE lost: %d rows left", n)
	}
	// The rebuilt table's constraints keep their names: a later batch can
	// drop them by name.
	apply(t, db, d, Batch{Table: "item", Ops: []Operation{DropUnique{Table: "item", Name: "uq_item__code"}, DropCheck{Table: "item", Name: "ck_item__qty"}}})
	if s := schemaSQL(t, db)["item"]; strings.Contains(s, "uq_item__code") || strings.Contains(s, "ck_item__qty") || !strings.Contains(s, "fk_item__owner_id__owner") {
		t.Errorf("after dropping by name: %s", s)
	}
}

func TestSQLiteBatchNativeAndRebuildChoices(t *testing.T) {
	ctx := context.Background()
	d := schema.SQLite
	db := openTestDB(t, d)
	fillItems(t, db, 100)
	want, _ := checksum(t, db, `SELECT rowid, id, name, data FROM item ORDER BY id`)
	// Native operations keep the table's CREATE statement's layout (a
	// rebuild would rewrite it): no rebuild for these.
	err := Apply(ctx, db, d, []Operation{Batch{Table: "item", Ops: []Operation{
		AddColumn{Table: "item", Column: &schema.Column{Name: "note", Type: schema.Text}},
		AddColumn{Table: "item", Column: &schema.Column{Name: "level", Type: schema.Integer, NotNull: true, Default: schema.NumberDefault("3")}},
		DropColumn{Table: "item", Column: "obsolete"},
		RenameColumn{Table: "item", Column: "body", To: "content"},
		CreateIndex{Table: "item", Index: &schema.Index{Name: "ix_item__level", Keys: []schema.IndexKey{{Column: "level"}}}},
		DropIndex{Table: "item", Index: "ix_item__level"},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	s := schemaSQL(t, db)["item"]
	if !strings.HasPrefix(s, "CREATE TABLE item (\n\t\t\tid INTEGER NOT NULL,") {
		t.Errorf("the table was rebuilt for native operations:\n%s", s)
	}
	// A rename in the middle of rebuild-only changes: rebuild, rename,
	// rebuild, and the rename reaches the index and the trigger.
	err = Apply(ctx, db, d, []Operation{Batch{Table: "item", Ops: []Operation{
		AlterColumn{Table: "item", Column: "level", Default: new(schema.NumberDefault("4"))},
		RenameColumn{Table: "item", Column: "status", To: "state"},
		AlterColumn{Table: "item", Column: "state", Type: new(schema.Varchar(12))},
		DropColumn{Table: "item", Column: "code"}, // unique: drops the constraint with it
	}}})
	if err != nil {
		t.Fatal(err)
	}
	all := schemaSQL(t, db)
	if !strings.Contains(all["tr_v_insert"], `"state"`) {
		t.Errorf("rename not carried into the trigger: %q", all["tr_v_insert"])
	}
	if strings.Contains(all["item"], "uq_item__code") {
		t.Error("the unique constraint on the dropped column survived")
	}
	if c := mustColumn(t, db, d, "item", "level"); c.Default != "4" {
		t.Errorf("level %+v", c)
	}
	if got, _ := checksum(t, db, `SELECT rowid, id, name, data FROM item ORDER BY id`); got != want {
		t.Error("rows changed")
	}
	if c := mustColumn(t, db, d, "item", "state"); c.Type != "VARCHAR(12)" {
		t.Errorf("state %+v", c)
	}
	if all["ix_item__partial"] == "" || !strings.Contains(all["ix_item__partial"], `"state"`) {
		t.Errorf("partial index: %q", all["ix_item__partial"])
	}
	assertForeignKeysOn(t, db)
}

func TestSQLiteRebuildErrors(t *testing.T) {
	ctx := context.Background()
	d := schema.SQLite
	cases := []struct {
		name  string
		setup []string
		ops   []Operation
		want  string
	}{
		{"without rowid", []string{`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT) WITHOUT ROWID`},
			[]Operation{AlterColumn{Table: "a", Column: "x", NotNull: new(true)}}, "uses WITHOUT, ROWID"},
		{"generated column", []string{`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT, y TEXT AS (upper(x)))`},
			[]Operation{AlterColumn{Table: "a", Column: "x", NotNull: new(true)}}, "generated columns"},
		{"referenced column", []string{`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT UNIQUE)`, `CREATE TABLE b (ax TEXT REFERENCES a (x))`},
			[]Operation{DropColumn{Table: "a", Column: "x"}}, `column "x" of table "a" is referenced by foreign key`},
		{"nulls left", []string{`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT)`, `INSERT INTO a VALUES (1, NULL)`},
			[]Operation{AlterColumn{Table: "a", Column: "x", NotNull: new(true)}}, "NOT NULL constraint failed"},
		{"missing column", []string{`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT)`},
			[]Operation{AlterColumn{Table: "a", Column: "nope", NotNull: new(true)}}, `table "a" has no column "nope"`},
		{"missing constraint", []string{`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT, CONSTRAINT uq_a UNIQUE (x))`},
			[]Operation{DropUnique{Table: "a", Name: "uq_b"}}, `table "a" has no unique constraint "uq_b" (it has: "uq_a")`},
		{"missing table", nil, []Operation{AlterColumn{Table: "zz", Column: "x", NotNull: new(true)}}, `table "zz" does not exist`},
		{"view broken by the change", []string{`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT, CONSTRAINT uq_a UNIQUE (x))`, `CREATE VIEW va AS SELECT x FROM a`},
			[]Operation{Batch{Table: "a", Ops: []Operation{DropUnique{Table: "a", Name: "uq_a"}, DropColumn{Table: "a", Column: "x"}}}}, `view "va" no longer works`},
		{"wrong table in batch", []string{`CREATE TABLE a (id INTEGER PRIMARY KEY)`},
			[]Operation{Batch{Table: "a", Ops: []Operation{DropColumn{Table: "b", Column: "x"}}}}, `the operation is on table "b", not on the batch's table "a"`},
		{"new foreign key violated", []string{`CREATE TABLE p (id INTEGER PRIMARY KEY)`, `CREATE TABLE a (id INTEGER PRIMARY KEY, p_id INTEGER)`, `INSERT INTO a VALUES (1, 5)`},
			[]Operation{AddForeignKey{Table: "a", ForeignKey: &schema.ForeignKey{Name: "fk_a_p", Columns: []string{"p_id"}, RefTable: "p", RefColumns: []string{"id"}}}},
			`table "a" rowid 1 refers to a missing row of "p"`},
		// The check covers the tables that refer to a changed one.
		{"parent dropped", []string{`CREATE TABLE p (id INTEGER PRIMARY KEY)`, `CREATE TABLE c (p_id INTEGER REFERENCES p (id))`,
			`CREATE TABLE other (x INTEGER)`, `INSERT INTO p VALUES (1)`, `INSERT INTO c VALUES (1)`},
			[]Operation{DropTable{Table: "p"}}, `table "c" rowid 1 refers to a missing row of "p"`},
		{"parent key changed", []string{`CREATE TABLE p (id INTEGER PRIMARY KEY, k TEXT, CONSTRAINT uq_p UNIQUE (k))`, `CREATE TABLE c (pk TEXT REFERENCES p (k))`,
			`INSERT INTO p VALUES (1, 'a')`, `INSERT INTO c VALUES ('a')`},
			[]Operation{Batch{Table: "p", Ops: []Operation{AlterColumn{Table: "p", Column: "k", Type: new(schema.Integer)}, Exec{SQL: `UPDATE p SET k = 2`}}}},
			`table "c" rowid 1 refers to a missing row of "p"`},
	}
	for _, c := range cases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			db := openTestDB(t, d)
			mustExec(t, db, c.setup...)
			before := schemaSQL(t, db)
			err := Apply(ctx, db, d, c.ops)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
			after := schemaSQL(t, db)
			if fmt.Sprint(before) != fmt.Sprint(after) {
				t.Errorf("the schema changed despite the error:\n%v\n%v", before, after)
			}
			assertForeignKeysOn(t, db)
		})
	}
}

// TestSQLiteRebuildAutoincrement: an AUTOINCREMENT table is rebuilt with
// its keyword and its counter, so that the rowids of deleted rows are not
// handed out again.
func TestSQLiteRebuildAutoincrement(t *testing.T) {
	d := schema.SQLite
	db := openTestDB(t, d)
	mustExec(t, db, `CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT)`,
		`INSERT INTO a (x) VALUES ('one'), ('two'), ('three')`, `DELETE FROM a WHERE id = 3`)
	apply(t, db, d, AlterColumn{Table: "a", Column: "x", NotNull: new(true), FillNulls: "''"})
	if s := schemaSQL(t, db)["a"]; !strings.Contains(s, "AUTOINCREMENT") || !strings.Contains(s, `"x" TEXT NOT NULL`) {
		t.Errorf("after the rebuild: %s", s)
	}
	mustExec(t, db, `INSERT INTO a (x) VALUES ('four')`)
	if got := queryStrings(t, db, `SELECT id || ':' || x FROM a ORDER BY id`); strings.Join(got, " ") != "1:one 2:two 4:four" {
		t.Errorf("rows %v: the counter was not kept", got)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM sqlite_sequence`); n != 1 {
		t.Errorf("%d rows in sqlite_sequence", n)
	}
}

func TestTokenize(t *testing.T) {
	toks := tokenize(`CREATE INDEX "a""b" ON [t] (x, 'it''s' /* c */ , ` + "`q`" + `) -- tail`)
	var got []string
	for _, tk := range toks {
		got = append(got, fmt.Sprintf("%d:%s", tk.kind, tk.text))
	}
	want := `0:CREATE 0:INDEX 1:a"b 0:ON 1:t 4:( 0:x 4:, 2:it's 4:, 1:q 4:)`
	if strings.Join(got, " ") != want {
		t.Errorf("tokens\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if !mentions(`SELECT "Name" FROM t WHERE y = 'name'`, "name") || mentions(`SELECT x FROM t WHERE y = 'name'`, "name") {
		t.Error("mentions")
	}
	if got := unsupportedTableFeatures(`CREATE TABLE "t" (a INTEGER, CONSTRAINT ck CHECK (CAST(a AS TEXT) <> ''))`); len(got) != 0 {
		t.Errorf("false positive: %v", got)
	}
	if got := unsupportedTableFeatures(`CREATE TABLE t (a INTEGER PRIMARY KEY ON CONFLICT REPLACE) STRICT`); fmt.Sprint(got) != "[ON CONFLICT STRICT]" {
		t.Errorf("got %v", got)
	}
}

func TestSQLiteAddColumnRules(t *testing.T) {
	for _, c := range []struct {
		col    schema.Column
		native bool
	}{
		{schema.Column{Name: "a", Type: schema.Text}, true},
		{schema.Column{Name: "a", Type: schema.Text, NotNull: true, Default: schema.StringDefault("x")}, true},
		{schema.Column{Name: "a", Type: schema.Boolean, NotNull: true, Default: schema.False}, true},
		{schema.Column{Name: "a", Type: schema.Text, NotNull: true}, false},
		{schema.Column{Name: "a", Type: schema.Timestamp, Default: schema.Now}, false},
		{schema.Column{Name: "a", Type: schema.UUID, Default: schema.GenerateUUID}, false},
		{schema.Column{Name: "a", Type: schema.Text, Default: schema.ExprDefault(schema.Expr("'a' || 'b'"))}, false},
	} {
		err := sqliteAddColumnNative(&c.col)
		if (err == nil) != c.native {
			t.Errorf("%+v: native=%v, err %v", c.col, c.native, err)
		}
		if err != nil && !errors.Is(err, ErrRebuildRequired) {
			t.Errorf("%v is not ErrRebuildRequired", err)
		}
	}
}

// recordHandler keeps the messages of the records it handles.
type recordHandler struct {
	mu   sync.Mutex
	msgs []string
}

func (h *recordHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *recordHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.msgs = append(h.msgs, r.Message)
	return nil
}
func (h *recordHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordHandler) WithGroup(string) slog.Handler      { return h }

// TestRebuildReflectsSurroundings: a rebuild reflects a copy of the table,
// its parents and the tables that refer to it, not the whole database, and
// gets the same definition as a whole reflection.
func TestRebuildReflectsSurroundings(t *testing.T) {
	ctx := context.Background()
	db := openTestDB(t, schema.SQLite)
	fillItems(t, db, 10)
	mustExec(t, db, `CREATE TABLE child (item_id INTEGER REFERENCES item, note TEXT COLLATE NOCASE)`,
		`CREATE TABLE unrelated (x INTEGER)`)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	h := &recordHandler{}
	s := &session{d: schema.SQLite, log: slog.New(h)}
	x := &executor{s: s, tx: tx, enums: newEnumSet(nil)}
	got, around, err := x.tableState(ctx, "item")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.msgs) != 0 {
		t.Errorf("fell back to a whole reflection: %v", h.msgs)
	}
	var names []string
	for _, tb := range around.Tables {
		names = append(names, tb.Name)
	}
	if strings.Join(names, " ") != "child item owner" {
		t.Errorf("reflected tables %v, want item, its parent and the table that refers to it", names)
	}
	whole := reflectDB(t, db, schema.SQLite)
	if diff := gocmp.Diff(whole.Table("item"), got); diff != "" {
		t.Errorf("the table differs from a whole reflection:\n%s", diff)
	}
}

// TestRebuildProgress: a rebuild watched by a progress callback copies in
// chunks and reports each one, up to the total; the rows are the same.
func TestRebuildProgress(t *testing.T) {
	d := schema.SQLite
	db := openTestDB(t, d)
	const rows = 3*rebuildChunk + 12_345
	mustExec(t, db, `CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT)`,
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) INSERT INTO big SELECT i * 3, 'v' || i FROM n`, rows),
		`DELETE FROM big WHERE id % 7 = 0`)
	want, n := checksum(t, db, `SELECT rowid, id, v FROM big ORDER BY id`)
	var got []Progress
	err := Apply(context.Background(), db, d, []Operation{AlterColumn{Table: "big", Column: "v", NotNull: new(true)}},
		ApplyProgress(func(p Progress) { got = append(got, p) }))
	if err != nil {
		t.Fatal(err)
	}
	chunks := (n + rebuildChunk - 1) / rebuildChunk
	if chunks < 2 || len(got) != chunks || got[chunks-1].Rows != int64(n) || got[0].Total != int64(n) || got[0].Table != "big" || got[0].Rows != rebuildChunk {
		t.Errorf("progress reports %+v for %d rows", got, n)
	}
	if sum, _ := checksum(t, db, `SELECT rowid, id, v FROM big ORDER BY id`); sum != want {
		t.Error("rows changed")
	}
}
