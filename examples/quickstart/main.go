// Command quickstart walks through the autogen workflow end to end, as a
// new user would, and prints every command with its output:
//
//	go run ./examples/quickstart
//
// It builds autogen, copies the model in ./model into a fresh Go module,
// runs init, writes the first migration pair, applies it to a SQLite file
// and a PostgreSQL database, changes the model, checks, writes and applies
// the second pair, and downgrades once. SQLite needs nothing; PostgreSQL
// uses AUTOGEN_PG_DEV_URL when set, else a throwaway local cluster (the
// PostgreSQL server binaries must be installed); without either, the
// PostgreSQL side is skipped and the walk-through runs on SQLite only.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/autogen-dev/autogen/internal/pgserver"
)

func main() {
	keep := flag.Bool("keep", false, "keep the generated project instead of removing it")
	flag.Parse()
	if err := run(*keep); err != nil {
		fmt.Fprintf(os.Stderr, "quickstart: %v\n", err)
		os.Exit(1)
	}
}

func run(keep bool) error {
	ctx := context.Background()
	_, self, _, _ := runtime.Caller(0)
	exampleDir := filepath.Dir(self)
	repo := filepath.Join(exampleDir, "..", "..")

	work, err := os.MkdirTemp("", "autogen-quickstart-")
	if err != nil {
		return err
	}
	if keep {
		defer fmt.Printf("\nThe project is in %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}

	bin := filepath.Join(work, "bin", "autogen")
	step("Build autogen")
	if err := sh(repo, nil, "go", "build", "-o", bin, "./cmd/autogen"); err != nil {
		return err
	}

	// PostgreSQL: a server given by URL, else a private throwaway cluster.
	env := []string{"GOFLAGS=-mod=mod"}
	dialects := []string{"sqlite"}
	pgURL := ""
	if url := os.Getenv("AUTOGEN_PG_DEV_URL"); url != "" {
		srv, err := pgserver.Open(ctx, url)
		if err != nil {
			return err
		}
		defer srv.Close()
		pgURL, err = newDatabase(ctx, srv)
		if err != nil {
			return err
		}
		dialects = append(dialects, "postgresql")
	} else if srv, err := pgserver.StartTemp(ctx); err == nil {
		defer srv.Close()
		env = append(env, "AUTOGEN_PG_DEV_URL="+srv.URL())
		if pgURL, err = newDatabase(ctx, srv); err != nil {
			return err
		}
		dialects = append(dialects, "postgresql")
	} else {
		fmt.Printf("\nNo PostgreSQL server (%v):\nthe walk-through runs on SQLite only.\n", err)
	}
	onlySQLite := len(dialects) == 1

	project := filepath.Join(work, "app")
	step("A new Go module with a model package (copied from examples/quickstart/model)")
	if err := os.MkdirAll(filepath.Join(project, "model"), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(project, "go.mod"), []byte("module example.com/app\n\ngo 1.26\n"), 0o644); err != nil {
		return err
	}
	model, err := os.ReadFile(filepath.Join(exampleDir, "model", "schema.go"))
	if err != nil {
		return err
	}
	modelPath := filepath.Join(project, "model", "schema.go")
	if err := os.WriteFile(modelPath, model, 0o644); err != nil {
		return err
	}

	autogen := func(want int, args ...string) error {
		if onlySQLite && (args[0] == "revision" || args[0] == "check") && !contains(args, "--db") {
			args = append(args, "--dialect", "sqlite")
		}
		return shExpect(project, env, want, bin, args...)
	}
	sqliteURL := "sqlite://" + filepath.Join(project, "app.db")
	dbs := []string{sqliteURL}
	if pgURL != "" {
		dbs = append(dbs, pgURL)
	}

	step("Scaffold the migration environment")
	if err := autogen(0, "init", "--model", "example.com/app/model.Schema"); err != nil {
		return err
	}
	step("Write the first migration pair")
	if err := autogen(0, "revision", "-m", "initial schema"); err != nil {
		return err
	}
	step("Apply it to each database, and check")
	for _, db := range dbs {
		if err := autogen(0, "upgrade", "head", "--db", db); err != nil {
			return err
		}
		if err := autogen(0, "check", "--db", db); err != nil {
			return err
		}
	}

	step("Change the model: a labels column and an index on flow.created")
	changed := strings.Replace(string(model),
		`{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},`,
		`{Name: "tags", Type: schema.JSON, NotNull: true, Default: schema.StringDefault("[]")},
				{Name: "labels", Type: schema.JSON},`, 1)
	changed = strings.Replace(changed,
		`Uniques:    []*schema.Unique{{Columns: []string{"name"}}},`,
		`Uniques:    []*schema.Unique{{Columns: []string{"name"}}},
			Indexes:    []*schema.Index{{Keys: schema.Cols("created")}},`, 1)
	if changed == string(model) {
		return errors.New("the model change did not apply; examples/quickstart/model/schema.go changed")
	}
	if err := os.WriteFile(modelPath, []byte(changed), 0o644); err != nil {
		return err
	}
	step("check fails (exit 1): the model has changes no migration carries")
	if err := autogen(1, "check"); err != nil {
		return err
	}
	step("Write the second pair")
	if err := autogen(0, "revision", "-m", "add labels to flow"); err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(project, "migrations", "versions", "*", "*add_labels*.go"))
	for _, f := range files {
		src, _ := os.ReadFile(f)
		rel, _ := filepath.Rel(project, f)
		fmt.Printf("\n--- %s\n%s", rel, src)
	}
	notes, _ := os.ReadFile(filepath.Join(project, "migrations", "MIGRATION-NOTES.md"))
	fmt.Printf("\n--- migrations/MIGRATION-NOTES.md\n%s", notes)

	step("Review it as a pair: each side's operations, hazards and SQL")
	if err := autogen(0, "show", "head"); err != nil {
		return err
	}

	step("Apply, check, look at the history, and go back one revision")
	for _, db := range dbs {
		if err := autogen(0, "upgrade", "--db", db); err != nil {
			return err
		}
	}
	if err := autogen(0, "check"); err != nil {
		return err
	}
	for _, db := range dbs {
		if err := autogen(0, "check", "--db", db); err != nil {
			return err
		}
	}
	if err := autogen(0, "history"); err != nil {
		return err
	}
	for _, db := range dbs {
		if err := autogen(0, "downgrade", "-1", "--db", db); err != nil {
			return err
		}
		if err := autogen(0, "current", "--db", db); err != nil {
			return err
		}
	}
	fmt.Println("\nDone: the workflow ran end to end.")
	return nil
}

func newDatabase(ctx context.Context, srv *pgserver.Server) (string, error) {
	_, url, err := srv.CreateDatabase(ctx, "quickstart")
	return url, err
}

func step(title string) { fmt.Printf("\n== %s\n", title) }

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func sh(dir string, env []string, name string, args ...string) error {
	return shExpect(dir, env, 0, name, args...)
}

// shExpect prints and runs a command, and fails unless it exits with want.
func shExpect(dir string, env []string, want int, name string, args ...string) error {
	shown := append([]string{filepath.Base(name)}, args...)
	fmt.Printf("$ %s\n", strings.Join(quoteAll(shown), " "))
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stdout
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		return err
	}
	if code != want {
		return fmt.Errorf("%s exited %d, want %d", strings.Join(shown, " "), code, want)
	}
	return nil
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " \"'&?*$;<>|") {
			a = fmt.Sprintf("%q", a)
		}
		out[i] = a
	}
	return out
}
