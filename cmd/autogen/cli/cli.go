// Package cli implements the autogen command line. The autogen binary runs
// it without a project; a project's env program (migrations/env, like
// Alembic's env.py) runs it with the project's model, chains and filter
// compiled in. Commands that need them (revision, check, upgrade, …) are
// handed from the binary to the env program, which the binary builds (into
// the user cache directory) and runs.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// Env is what a project's env program gives the CLI: the model, one chain
// per dialect, and the include-object filter.
type Env struct {
	// Model is the declarative schema the chains must match.
	Model *schema.Schema
	// Postgres and SQLite are the chains (versions/postgresql,
	// versions/sqlite); a project may leave one nil to use one dialect.
	Postgres, SQLite *migrations.Chain
	// Filter is the include-object filter; nil means diff.DefaultFilter().
	Filter *diff.Filter
}

// Chain returns the env's chain for d, or nil.
func (e *Env) Chain(d schema.Dialect) *migrations.Chain {
	switch d {
	case schema.Postgres:
		return e.Postgres
	case schema.SQLite:
		return e.SQLite
	}
	return nil
}

// Exit codes.
const (
	ExitOK    = 0 // success; in sync
	ExitDrift = 1 // check found differences
	ExitError = 2 // usage or environment error
	// ExitInterrupted: interrupted (Ctrl-C); what was under way was rolled
	// back or not written.
	ExitInterrupted = 130
)

// exitError carries an exit code with the message to print.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// fail returns an error that makes autogen exit 2 with the message.
func fail(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}

// drift returns an error that makes autogen exit 1. The report has been
// printed already; msg is the closing line.
func drift(msg string) error { return &exitError{code: ExitDrift, err: errors.New(msg)} }

// app holds what every command shares.
type app struct {
	env    *Env
	stdout io.Writer
	stderr io.Writer
	args   []string // as given, for handing over to the env program

	dir     string // -C
	quiet   bool
	verbose bool
	color   bool // standard output is a terminal that takes colors

	progressMu sync.Mutex
	progress   *progress // the status line showing, if any (see startProgress)

	// exclusive marks a command that writes the project's migrations
	// (revision, merge, hash): it runs under the project's lock, held in
	// locked (see lockProject).
	exclusive bool
	locked    *os.File
	// interrupted completes "autogen: interrupted" for the command, such as
	// "; nothing was written".
	interrupted string
}

// Main runs autogen with args (without the program name) and returns the
// exit code. env is nil in the autogen binary and set in a project's env
// program.
func Main(args []string, env *Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, env, os.Stdout, os.Stderr)
}

// Run is Main with the context and output streams given, for tests.
func Run(ctx context.Context, args []string, env *Env, stdout, stderr io.Writer) (exit int) {
	a := &app{env: env, stdout: stdout, stderr: stderr, args: args, color: colorOn(stdout)}
	defer func() {
		if a.locked != nil {
			a.locked.Close()
		}
	}()
	defer func() {
		// A panic (in a model, a filter rule or autogen itself) is one
		// sentence too; the stack is for -v.
		if r := recover(); r != nil {
			a.endProgress()
			fmt.Fprintf(stderr, "autogen: unexpected failure: %v; run again with -v for the stack trace, and report it if the cause is not in your model or filter rules\n", r)
			a.debugf("%s", debug.Stack())
			exit = ExitError
		}
	}()
	root := a.rootCommand()
	root.SetArgs(protectRelativeTargets(args))
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	code := ExitError
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	}
	if code == ExitOK || errors.Is(err, errSilent) {
		return code
	}
	if ctx.Err() != nil {
		// Ctrl-C: the errors it caused (a canceled statement, a rolled
		// back transaction) are not the user's to fix.
		fmt.Fprintf(stderr, "autogen: interrupted%s\n", a.interrupted)
		a.debugf("%v", err)
		return ExitInterrupted
	}
	if code == ExitError && !isCobraUsage(err) {
		fmt.Fprintf(stderr, "autogen: %s\n", strings.TrimSpace(err.Error()))
	} else if code == ExitError {
		fmt.Fprintf(stderr, "autogen: %s\nRun 'autogen --help' for usage.\n", err)
	} else {
		fmt.Fprintf(stderr, "%s\n", err)
	}
	return code
}

// relativeMark prefixes a "-N" argument while flags are parsed, so that
// "autogen downgrade -1" means the target -1, not a flag named 1. No flag
// of autogen takes a negative number.
const relativeMark = "\x00rel"

func protectRelativeTargets(args []string) []string {
	out := make([]string, len(args))
	for i, arg := range args {
		if len(arg) > 1 && arg[0] == '-' && strings.Trim(arg[1:], "0123456789") == "" {
			arg = relativeMark + arg
		}
		out[i] = arg
	}
	return out
}

// targetArg undoes protectRelativeTargets for a positional argument.
func targetArg(arg string) string { return strings.TrimPrefix(arg, relativeMark) }

// isCobraUsage reports whether err comes from flag or argument parsing.
func isCobraUsage(err error) bool {
	var ee *exitError
	if errors.As(err, &ee) {
		return false
	}
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "flag needs", "invalid argument", "accepts ", "requires ", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "autogen",
		Short: "Schema diffs and paired PostgreSQL/SQLite migrations from a Go model",
		Long: `autogen keeps a declarative Go schema model and two migration chains, one
for PostgreSQL and one for SQLite, in step.

After a model change, 'autogen revision -m MSG' writes a pair of Go migration
files (one per dialect) and a MIGRATION-NOTES.md entry; 'autogen upgrade'
applies a chain; 'autogen check' fails in CI when the model has changes that
no migration carries.

Exit codes: 0 success or in sync, 1 differences found or a check failed,
2 usage or environment error or a failed migration (rolled back), 130
interrupted.`,
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if a.dir != "" {
				if err := os.Chdir(a.dir); err != nil {
					return fail("-C %s: %v", a.dir, err)
				}
			}
			return nil
		},
	}
	root.PersistentFlags().StringVarP(&a.dir, "directory", "C", "", "run as if autogen was started in `DIR`")
	root.PersistentFlags().BoolVarP(&a.quiet, "quiet", "q", false, "print only errors and results")
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "print more about what autogen does")
	root.AddCommand(
		a.initCommand(),
		a.revisionCommand(),
		a.upgradeCommand(),
		a.downgradeCommand(),
		a.currentCommand(),
		a.historyCommand(),
		a.checkCommand(),
		a.inspectCommand(),
		a.showCommand(),
		a.diffCommand(),
		a.headsCommand(),
		a.stampCommand(),
		a.mergeCommand(),
		a.hashCommand(),
		a.completionCommand(),
	)
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetVersionTemplate("autogen {{.Version}}\n")
	a.addCompletions(root)
	return root
}

// version is the module version autogen was built from: a release tag,
// or "(devel)" for a build from a source tree.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	if info.Main.Path == modulePath && info.Main.Version != "" {
		return info.Main.Version
	}
	// In a project's env program autogen is a dependency.
	for _, dep := range info.Deps {
		if dep.Path == modulePath {
			if dep.Replace != nil {
				return dep.Version + " (replaced by " + dep.Replace.Path + ")"
			}
			return dep.Version
		}
	}
	return "(devel)"
}

// relPath returns path relative to the working directory when it is
// below it, for messages.
func (a *app) relPath(path string) string {
	wd, err := os.Getwd()
	if err != nil {
		return path
	}
	if r, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return path
}

// logf prints progress to stderr unless -q was given.
func (a *app) logf(format string, args ...any) {
	if !a.quiet {
		fmt.Fprintf(a.stderr, format+"\n", args...)
	}
}

// debugf prints with -v only.
func (a *app) debugf(format string, args ...any) {
	if a.verbose {
		fmt.Fprintf(a.stderr, format+"\n", args...)
	}
}

// parseDialect checks a --dialect value; "" means every dialect.
func parseDialect(s string) ([]schema.Dialect, error) {
	if s == "" {
		return schema.Dialects, nil
	}
	d := schema.Dialect(strings.ToLower(s))
	if d == "postgres" || d == "pg" {
		d = schema.Postgres
	}
	if !d.Valid() {
		return nil, fail("--dialect %q: use %q or %q", s, schema.Postgres, schema.SQLite)
	}
	return []schema.Dialect{d}, nil
}
