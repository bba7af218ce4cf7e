package pgserver

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// startTemp starts a temp cluster for one test. Without PostgreSQL binaries it
// skips, or fails under CI=true / AUTOGEN_REQUIRE_PG=1 (the rule pgtest uses).
func startTemp(t *testing.T) *Server {
	t.Helper()
	if _, _, err := FindBinaries(); err != nil {
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci || os.Getenv("AUTOGEN_REQUIRE_PG") == "1" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	start := time.Now()
	s, err := StartTemp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("StartTemp took %v; URL %s", time.Since(start).Round(time.Millisecond), s.URL())
	t.Cleanup(func() { s.Close() })
	return s
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	c, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("connect %s: %v", url, err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func databaseExists(t *testing.T, c *pgx.Conn, name string) bool {
	t.Helper()
	var n int
	if err := c.QueryRow(context.Background(), "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

func TestTempClusterLifecycle(t *testing.T) {
	s := startTemp(t)
	ctx := context.Background()
	dir := s.Dir()
	if fi, err := os.Stat(filepath.Join(dir, "data", "PG_VERSION")); err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("no data directory in %s: %v", dir, err)
	}
	admin := connect(t, s.URL())

	// The settings the brief asks for are in force.
	for name, want := range map[string]string{
		"listen_addresses": "", "unix_socket_directories": dir, "fsync": "off",
		"synchronous_commit": "off", "full_page_writes": "off", "max_connections": "200",
		"server_encoding": "UTF8", "lc_collate": "C",
	} {
		var got string
		if err := admin.QueryRow(ctx, "SELECT current_setting($1)", name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}

	name1, url1, err := s.CreateDatabase(ctx, "autogen_scratch")
	if err != nil {
		t.Fatal(err)
	}
	name2, url2, err := s.CreateDatabase(ctx, "autogen_scratch")
	if err != nil {
		t.Fatal(err)
	}
	if name1 == name2 || !strings.HasPrefix(name1, "autogen_scratch_") || len(name1) != len("autogen_scratch_")+8 {
		t.Fatalf("names %q and %q: want distinct autogen_scratch_<8 hex>", name1, name2)
	}

	db1, db2 := connect(t, url1), connect(t, url2)
	var cur string
	if err := db1.QueryRow(ctx, "SELECT current_database()").Scan(&cur); err != nil || cur != name1 {
		t.Fatalf("url1 leads to database %q (%v), want %q", cur, err, name1)
	}
	if _, err := db1.Exec(ctx, "CREATE TABLE widgets (id int PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	var seen1, seen2 bool
	db1.QueryRow(ctx, "SELECT to_regclass('widgets') IS NOT NULL").Scan(&seen1)
	db2.QueryRow(ctx, "SELECT to_regclass('widgets') IS NOT NULL").Scan(&seen2)
	if !seen1 || seen2 {
		t.Fatalf("table widgets seen in db1: %v (want true), in db2: %v (want false)", seen1, seen2)
	}

	// Both databases still have open connections: the drop must force them out.
	for _, name := range []string{name1, name2} {
		if err := s.DropDatabase(ctx, name); err != nil {
			t.Fatal(err)
		}
		if databaseExists(t, admin, name) {
			t.Errorf("database %s still exists after DropDatabase", name)
		}
	}
	if err := s.DropDatabase(ctx, name1); err != nil {
		t.Errorf("dropping a dropped database: %v, want nil", err)
	}
	admin.Close(ctx)

	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("cluster directory %s still there after Close (stat: %v)", dir, err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, _, err := s.CreateDatabase(ctx, "x"); err == nil {
		t.Error("CreateDatabase after Close succeeded")
	}
}

func TestOpenExistingAndOddNames(t *testing.T) {
	s := startTemp(t)
	ctx := context.Background()
	o, err := Open(ctx, s.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	admin := connect(t, o.URL())

	for _, prefix := range []string{
		"",
		`Odd "name"; DROP DATABASE postgres; --`,
		strings.Repeat("é", 60), // 120 bytes: must be shortened on a rune boundary
	} {
		name, url, err := o.CreateDatabase(ctx, prefix)
		if err != nil {
			t.Fatalf("prefix %q: %v", prefix, err)
		}
		if len(name) > maxNameLen || !utf8.ValidString(name) {
			t.Errorf("prefix %q gave name %q (%d bytes)", prefix, name, len(name))
		}
		var cur string
		if err := connect(t, url).QueryRow(ctx, "SELECT current_database()").Scan(&cur); err != nil || cur != name {
			t.Errorf("url %s leads to %q (%v), want %q", url, cur, err, name)
		}
		if err := o.DropDatabase(ctx, name); err != nil {
			t.Fatal(err)
		}
		if databaseExists(t, admin, name) {
			t.Errorf("database %q still exists", name)
		}
	}
	if !databaseExists(t, admin, "postgres") {
		t.Fatal("lost the postgres database")
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Dir()); err != nil {
		t.Errorf("closing an Open server touched the cluster: %v", err)
	}
}

func TestOpenUnreachable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := Open(ctx, "postgres://postgres:s3cret@127.0.0.1:1/x?connect_timeout=2")
	if err == nil {
		t.Fatal("Open of an unreachable server succeeded")
	}
	msg := err.Error()
	t.Log(msg)
	if !strings.Contains(msg, "127.0.0.1:1") {
		t.Errorf("error does not name the host: %s", msg)
	}
	if strings.Contains(msg, "s3cret") {
		t.Errorf("error shows the password: %s", msg)
	}

	if _, err := Open(ctx, "host=localhost dbname=x"); err == nil || !strings.Contains(err.Error(), "postgres://") {
		t.Errorf("keyword/value string: got %v, want an error asking for a URL", err)
	}
}

func TestDatabaseURL(t *testing.T) {
	for _, c := range []struct{ base, name, want string }{
		{"postgres://u:pw@db.example:5433/postgres?sslmode=disable", "scratch_1", "postgres://u:pw@db.example:5433/scratch_1?sslmode=disable"},
		{"postgres://postgres@/postgres?host=/tmp/autogen-pg-1&port=5432", "a", "postgres://postgres@/a?host=/tmp/autogen-pg-1&port=5432"},
		{"postgresql://u@h/postgres?dbname=other", "b", "postgresql://u@h/b"},
		{"postgres://u@h/postgres", "with space/and?odd#chars", "postgres://u@h/with%20space/and%3Fodd%23chars"},
	} {
		if got := (&Server{url: c.base}).DatabaseURL(c.name); got != c.want {
			t.Errorf("DatabaseURL(%q) on %s = %s, want %s", c.name, c.base, got, c.want)
		}
	}
	// pgx reads the database name back unchanged.
	cfg, err := pgconn.ParseConfig((&Server{url: "postgres://u@h/postgres"}).DatabaseURL("with space/and?odd#chars"))
	if err != nil || cfg.Database != "with space/and?odd#chars" {
		t.Errorf("pgx parses database %q (%v)", cfg.Database, err)
	}
}

func TestRedact(t *testing.T) {
	got := Redact("postgres://u:pw@h/db?password=pw2&sslmode=disable")
	if strings.Contains(got, "pw") || !strings.Contains(got, "u@h/db") {
		t.Errorf("Redact = %s", got)
	}
}

func TestSocketURL(t *testing.T) {
	t.Setenv("PGPORT", "6543") // must not override the cluster's port
	cfg, err := pgconn.ParseConfig(socketURL("/tmp/a b&c"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != "/tmp/a b&c" || cfg.Port != 5432 || cfg.User != "postgres" || cfg.Database != "postgres" {
		t.Errorf("parsed host %q port %d user %q database %q", cfg.Host, cfg.Port, cfg.User, cfg.Database)
	}
}

// A cluster whose owner process died is stopped and removed by the next StartTemp.
func TestReapStale(t *testing.T) {
	s := startTemp(t)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	owner := filepath.Join(s.Dir(), ownerFile)
	if err := os.WriteFile(owner, []byte(strconv.Itoa(dead.Process.Pid)+" "+host+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A cluster of a live process is left alone.
	live, err := os.MkdirTemp(filepath.Dir(s.Dir()), dirPrefix)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(live)
	if err := os.WriteFile(filepath.Join(live, ownerFile), []byte(strconv.Itoa(os.Getpid())+" "+host+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	reapStale(context.Background(), filepath.Dir(s.Dir()), s.pgctl, s.run)
	if _, err := os.Stat(s.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale cluster %s not removed (stat: %v)", s.Dir(), err)
	}
	if c, err := pgx.Connect(context.Background(), s.URL()); err == nil {
		c.Close(context.Background())
		t.Error("stale cluster still answers")
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("reaper touched a live owner's directory: %v", err)
	}
}
