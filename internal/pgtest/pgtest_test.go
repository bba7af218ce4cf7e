package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
)

// clusterDir is the shared throwaway cluster's directory, once a test saw it.
var (
	clusterMu  sync.Mutex
	clusterDir string
)

// TestMain is Main plus a check that the cluster is gone once Main is done.
func TestMain(m *testing.M) {
	code := Run(m)
	if clusterDir != "" {
		if _, err := os.Stat(clusterDir); !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(os.Stderr, "FAIL: cluster directory %s still there after Main (stat: %v)\n", clusterDir, err)
			code = 1
		}
	}
	os.Exit(code)
}

func noteCluster(t *testing.T) *pgx.Conn {
	t.Helper()
	s := Server(t)
	clusterMu.Lock()
	if s.Dir() != "" {
		clusterDir = s.Dir()
	}
	clusterMu.Unlock()
	c, err := pgx.Connect(context.Background(), s.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func queryBool(t *testing.T, c *pgx.Conn, sql string, args ...any) bool {
	t.Helper()
	var b bool
	if err := c.QueryRow(context.Background(), sql, args...).Scan(&b); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return b
}

func TestDBIsolationAndCleanup(t *testing.T) {
	admin := noteCluster(t)
	ctx := context.Background()
	var names []string
	t.Run("pair", func(t *testing.T) {
		db1, err := pgx.Connect(ctx, DB(t))
		if err != nil {
			t.Fatal(err)
		}
		db2, err := pgx.Connect(ctx, DB(t))
		if err != nil {
			t.Fatal(err)
		}
		// Left open on purpose: the drop in cleanup must force them out.
		for _, c := range []*pgx.Conn{db1, db2} {
			var name string
			if err := c.QueryRow(ctx, "SELECT current_database()").Scan(&name); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(name, "test_testdbisolationandcleanup_pair_") {
				t.Errorf("database name %q does not tell the test", name)
			}
			names = append(names, name)
		}
		if _, err := db1.Exec(ctx, "CREATE TABLE widgets (id int)"); err != nil {
			t.Fatal(err)
		}
		if !queryBool(t, db1, "SELECT to_regclass('widgets') IS NOT NULL") ||
			queryBool(t, db2, "SELECT to_regclass('widgets') IS NOT NULL") {
			t.Error("table created in one test database is not (only) visible there")
		}
	})
	if len(names) != 2 || names[0] == names[1] {
		t.Fatalf("databases %q: want two distinct", names)
	}
	for _, name := range names {
		if queryBool(t, admin, "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", name) {
			t.Errorf("database %s not dropped after its test", name)
		}
	}
}

func TestDBParallel(t *testing.T) {
	noteCluster(t)
	for i := range 20 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			c, err := pgx.Connect(context.Background(), DB(t))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close(context.Background())
			if _, err := c.Exec(context.Background(), "CREATE TABLE t (id int); INSERT INTO t VALUES (1)"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// fakeTB records how unavailable reacts instead of stopping the test.
type fakeTB struct {
	testing.TB
	skipped, failed string
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Skipf(format string, a ...any)  { f.skipped = fmt.Sprintf(format, a...) }
func (f *fakeTB) Fatalf(format string, a ...any) { f.failed = fmt.Sprintf(format, a...) }

func TestUnavailable(t *testing.T) {
	reason := errors.New("no PostgreSQL server binaries found")
	for _, c := range []struct {
		ci, require string
		err         error
		wantFail    bool
	}{
		{"", "", reason, false},
		{"false", "", reason, false},
		{"true", "", reason, true},
		{"", "1", reason, true},
		{"", "", &requiredError{reason}, true},
	} {
		t.Setenv("CI", c.ci)
		t.Setenv("AUTOGEN_REQUIRE_PG", c.require)
		f := &fakeTB{TB: t}
		unavailable(f, c.err)
		got := f.failed
		if !c.wantFail {
			got = f.skipped
		}
		if got == "" || (f.failed != "") != c.wantFail || !strings.Contains(got, reason.Error()) {
			t.Errorf("CI=%q AUTOGEN_REQUIRE_PG=%q err %v: skipped %q, failed %q", c.ci, c.require, c.err, f.skipped, f.failed)
		}
	}
}

func TestDBPrefix(t *testing.T) {
	for in, want := range map[string]string{
		"TestFoo":                          "test_testfoo",
		"TestFoo/sub_case#01":              "test_testfoo_sub_case_01",
		"Test/" + strings.Repeat("x", 100): "test_test_" + strings.Repeat("x", 30),
	} {
		if got := dbPrefix(in); got != want {
			t.Errorf("dbPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}
