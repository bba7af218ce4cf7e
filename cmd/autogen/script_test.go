package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/autogen-dev/autogen/internal/pgtest"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

var updateScripts = flag.Bool("update", false, "rewrite the cmp golden files inside testdata/script/*.txtar")

// TestScripts runs the CLI transcripts in testdata/script: each is a user
// session in a fresh Go module (see testscript), with the autogen binary on
// PATH, a PostgreSQL server for scratch databases in AUTOGEN_PG_DEV_URL,
// and the commands below.
func TestScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("the transcripts build Go programs; skipped with -short")
	}
	srv := pgtest.Server(t)
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	goEnv := map[string]string{}
	for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOPROXY", "GOSUMDB", "GOTOOLCHAIN"} {
		out, err := exec.Command("go", "env", k).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", k, err)
		}
		goEnv[k] = strings.TrimSpace(string(out))
	}
	codes := &exitCodes{m: map[*testscript.TestScript]int{}}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       *updateScripts,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", filepath.Dir(autogenBin)+string(os.PathListSeparator)+os.Getenv("PATH"))
			env.Setenv("AUTOGEN_PG_DEV_URL", srv.URL())
			env.Setenv("AUTOGEN_SOURCE", repo)
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("XDG_CACHE_HOME", filepath.Join(env.WorkDir, ".cache"))
			env.Setenv("NO_COLOR", "")
			for k, v := range goEnv {
				env.Setenv(k, v)
			}
			// Every transcript starts in an empty Go module.
			return os.WriteFile(filepath.Join(env.WorkDir, "go.mod"), []byte("module example.com/app\n\ngo 1.26\n"), 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"autogen":  codes.autogen,
			"exitcode": codes.check,
			"pgdb": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 1 {
					ts.Fatalf("usage: pgdb VAR")
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				name, url, err := srv.CreateDatabase(ctx, "script")
				ts.Check(err)
				ts.Defer(func() {
					ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
					defer cancel()
					srv.DropDatabase(ctx, name)
				})
				ts.Setenv(args[0], url)
			},
			"replace":   cmdReplace,
			"mvglob":    cmdMvglob,
			"rev":       cmdRev,
			"sql":       cmdSQL,
			"normalize": cmdNormalize,
			"grepglob":  cmdGrepGlob,
		},
	})
}

// exitCodes remembers each transcript's last autogen exit code.
type exitCodes struct {
	mu sync.Mutex
	m  map[*testscript.TestScript]int
}

// autogen runs the binary: without "!" it must exit 0, with "!" it must
// fail; exitcode then checks the exact code.
func (c *exitCodes) autogen(ts *testscript.TestScript, neg bool, args []string) {
	err := ts.Exec(autogenBin, args...)
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		ts.Fatalf("run autogen: %v", err)
	}
	c.mu.Lock()
	c.m[ts] = code
	c.mu.Unlock()
	if neg && code == 0 {
		ts.Fatalf("autogen %s: exit 0, want a failure", strings.Join(args, " "))
	}
	if !neg && code != 0 {
		ts.Fatalf("autogen %s: exit %d, want 0", strings.Join(args, " "), code)
	}
}

// check implements "exitcode N": the last autogen command exited N.
func (c *exitCodes) check(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: exitcode N")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	c.mu.Lock()
	got, ok := c.m[ts]
	c.mu.Unlock()
	if !ok {
		ts.Fatalf("exitcode: no autogen command ran yet")
	}
	if got != want {
		ts.Fatalf("autogen exited %d, want %d", got, want)
	}
}

// glob1 resolves a pattern that must match exactly one file.
func glob1(ts *testscript.TestScript, pattern string) string {
	matches, err := filepath.Glob(ts.MkAbs(pattern))
	ts.Check(err)
	if len(matches) != 1 {
		ts.Fatalf("%s matches %d files, want 1", pattern, len(matches))
	}
	return matches[0]
}

// unescape reads \n and \t in a replace argument.
func unescape(s string) string {
	return strings.NewReplacer(`\n`, "\n", `\t`, "\t").Replace(s)
}

// cmdReplace implements "replace FILE OLD NEW": FILE (a glob matching one
// file) has its one occurrence of OLD replaced by NEW.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	path := glob1(ts, args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	old, repl := unescape(args[1]), unescape(args[2])
	if n := strings.Count(string(data), old); n != 1 {
		ts.Fatalf("replace: %q occurs %d times in %s, want once", old, n, args[0])
	}
	ts.Check(os.WriteFile(path, []byte(strings.Replace(string(data), old, repl, 1)), 0o644))
}

// cmdMvglob implements "mvglob PATTERN DIR": moves the matching files
// (at least one) into DIR.
func cmdMvglob(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mvglob PATTERN DIR")
	}
	matches, err := filepath.Glob(ts.MkAbs(args[0]))
	ts.Check(err)
	if len(matches) == 0 {
		ts.Fatalf("mvglob: %s matches nothing", args[0])
	}
	dir := ts.MkAbs(args[1])
	ts.Check(os.MkdirAll(dir, 0o755))
	for _, m := range matches {
		ts.Check(os.Rename(m, filepath.Join(dir, filepath.Base(m))))
	}
}

// cmdRev implements "rev VAR DIALECT [N [NOTES]]": sets VAR to the
// revision of the Nth entry (0: the newest) of NOTES (default
// migrations/MIGRATION-NOTES.md).
func cmdRev(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 4 {
		ts.Fatalf("usage: rev VAR DIALECT [N [NOTES]]")
	}
	n := 0
	if len(args) >= 3 {
		var err error
		n, err = strconv.Atoi(args[2])
		ts.Check(err)
	}
	notes := "migrations/MIGRATION-NOTES.md"
	if len(args) == 4 {
		notes = args[3]
	}
	entries, err := render.ParseNotes([]byte(ts.ReadFile(notes)))
	ts.Check(err)
	if n >= len(entries) {
		ts.Fatalf("rev: the notes have %d entries", len(entries))
	}
	rev := entries[n].Revision(schema.Dialect(args[1]))
	if rev == "" {
		ts.Fatalf("rev: entry %d has no %s revision", n, args[1])
	}
	ts.Setenv(args[0], rev)
}

// cmdSQL implements "sql URL STATEMENT": runs a statement; a SELECT's
// rows are written to stdout, one per line, columns separated by "|".
func cmdSQL(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sql URL STATEMENT")
	}
	db, _, err := migrations.OpenDB(args[0])
	ts.Check(err)
	defer db.Close()
	if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(args[1])), "SELECT") {
		_, err := db.Exec(args[1])
		ts.Check(err)
		return
	}
	rows, err := db.Query(args[1])
	ts.Check(err)
	defer rows.Close()
	cols, err := rows.Columns()
	ts.Check(err)
	var out strings.Builder
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		ts.Check(rows.Scan(ptrs...))
		var cells []string
		for _, v := range vals {
			cells = append(cells, map[bool]string{true: v.String, false: "NULL"}[v.Valid])
		}
		out.WriteString(strings.Join(cells, "|") + "\n")
	}
	ts.Check(rows.Err())
	fmt.Fprint(ts.Stdout(), out.String())
}

var (
	hexRevision = regexp.MustCompile(`[0-9a-f]{12,}`)
	timestamps  = regexp.MustCompile(`\d{4}_\d\d_\d\d_\d{6}|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`)
)

// normalize replaces revision IDs (in order of appearance: REV1, REV2, …)
// and timestamps, which change from run to run.
func normalize(s string) string {
	seen := map[string]string{}
	s = hexRevision.ReplaceAllStringFunc(s, func(r string) string {
		if len(r) != 12 {
			return r
		}
		if _, ok := seen[r]; !ok {
			seen[r] = fmt.Sprintf("REV%d", len(seen)+1)
		}
		return seen[r]
	})
	return timestamps.ReplaceAllString(s, "TIMESTAMP")
}

// cmdNormalize implements "normalize stdout|stderr|FILE OUT": writes the
// content to OUT with run-to-run differences normalized, for cmp against
// a golden file (which -update rewrites).
func cmdNormalize(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: normalize stdout|FILE OUT")
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(normalize(ts.ReadFile(args[0]))), 0o644))
}

// cmdGrepGlob implements "[!] grepglob REGEXP GLOB": the one file matching
// GLOB has (or, with !, has not) a line matching REGEXP.
func cmdGrepGlob(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: grepglob REGEXP GLOB")
	}
	re, err := regexp.Compile("(?m)" + args[0])
	ts.Check(err)
	path := glob1(ts, args[1])
	data, err := os.ReadFile(path)
	ts.Check(err)
	if found := re.Match(data); found == neg {
		ts.Fatalf("grepglob %s %s: found %v, want %v", args[0], args[1], found, !neg)
	}
}
