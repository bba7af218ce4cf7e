package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/autogen-dev/autogen/schema"
)

// ConfigFile is the name of a project's settings file.
const ConfigFile = "autogen.toml"

// Config is the content of autogen.toml (the analogue of alembic.ini).
// Paths are relative to the file's directory.
type Config struct {
	// Model is the model's IMPORTPATH.IDENT, as given to init.
	Model string `toml:"model"`
	// Env is the env program's directory.
	Env string `toml:"env"`
	// Versions holds one folder per dialect (postgresql/, sqlite/).
	Versions string `toml:"versions"`
	// Notes is the MIGRATION-NOTES.md file.
	Notes string `toml:"notes"`
	// Template is the migration file template; the built-in one when the
	// file does not exist.
	Template string `toml:"template"`
	// VersionTable is the table recording a database's revision.
	VersionTable string `toml:"version_table"`
	// Dialects are the chains the project keeps.
	Dialects []schema.Dialect `toml:"dialects"`
	// Dev configures scratch databases.
	Dev DevConfig `toml:"dev"`
}

// DevConfig configures the servers used for scratch databases.
type DevConfig struct {
	// PostgresURL is a server on which autogen may create and drop
	// scratch databases. Empty: AUTOGEN_PG_DEV_URL, else a private
	// throwaway cluster started from the local PostgreSQL binaries.
	PostgresURL string `toml:"postgres_url"`
}

// defaultConfig is what init writes and what missing keys default to.
func defaultConfig() Config {
	return Config{
		Env:          "env",
		Versions:     "versions",
		Notes:        "MIGRATION-NOTES.md",
		Template:     "script.go.tmpl",
		VersionTable: "alembic_version",
		Dialects:     []schema.Dialect{schema.Postgres, schema.SQLite},
	}
}

// Project is a located autogen project.
type Project struct {
	// Dir is the directory holding autogen.toml.
	Dir string
	// ModuleDir is the Go module's root (the directory of go.mod).
	ModuleDir string
	// Module is the Go module path.
	Module string
	Config Config
}

// Path resolves a path from the config relative to the project.
func (p *Project) Path(rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(p.Dir, rel)
}

// VersionsDir is the folder of dialect d's migration files.
func (p *Project) VersionsDir(d schema.Dialect) string {
	return filepath.Join(p.Path(p.Config.Versions), string(d))
}

// HasDialect reports whether the project keeps a chain for d.
func (p *Project) HasDialect(d schema.Dialect) bool {
	for _, x := range p.Config.Dialects {
		if x == d {
			return true
		}
	}
	return false
}

var errNoProject = errors.New("no autogen project here")

// findProject walks up from dir to migrations/autogen.toml or autogen.toml.
func findProject(dir string) (*Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		for _, candidate := range []string{filepath.Join(d, "migrations", ConfigFile), filepath.Join(d, ConfigFile)} {
			if _, err := os.Stat(candidate); err == nil {
				return loadProject(candidate)
			}
		}
		if filepath.Dir(d) == d {
			return nil, fmt.Errorf("%w: no %s in %s or any parent (nor in a migrations/ folder there); run 'autogen init --model IMPORTPATH.IDENT' in your Go module first", errNoProject, ConfigFile, abs)
		}
	}
}

func loadProject(file string) (*Project, error) {
	cfg := defaultConfig()
	md, err := toml.DecodeFile(file, &cfg)
	if err != nil {
		return nil, fail("%s: %v", file, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return nil, fail("%s: unknown setting %q", file, keys[0].String())
	}
	for _, d := range cfg.Dialects {
		if !d.Valid() {
			return nil, fail("%s: dialects: unknown dialect %q (use %q or %q)", file, d, schema.Postgres, schema.SQLite)
		}
	}
	p := &Project{Dir: filepath.Dir(file), Config: cfg}
	p.ModuleDir, p.Module, err = findModule(p.Dir)
	if err != nil {
		return nil, err
	}
	return p, nil
}

// findModule walks up from dir to go.mod and returns its directory and
// module path.
func findModule(dir string) (string, string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "module" {
					return d, strings.Trim(f[1], `"`), nil
				}
			}
			return "", "", fail("%s: no module line", filepath.Join(d, "go.mod"))
		}
		if filepath.Dir(d) == d {
			return "", "", fail("%s is not inside a Go module (no go.mod found); run 'go mod init' first", dir)
		}
	}
}

// project locates the project for the current directory.
func (a *app) project() (*Project, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	p, err := findProject(wd)
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return nil, err
		}
		return nil, fail("%v", err)
	}
	return p, nil
}

// needEnv makes sure the command runs with the project's model and chains
// compiled in. In the autogen binary it builds the env program (go build
// keeps it up to date in the user cache directory: only a changed model or
// migration is recompiled) and runs it with the same arguments, returning
// its exit code as an error; in the env program it returns nil and the
// command goes on.
//
// A command that writes the project (see exclusive) holds the project's
// lock from before the build until the env program ends, so that a second
// one waits and then compiles the migrations the first one wrote.
func (a *app) needEnv(ctx context.Context, p *Project) error {
	if a.exclusive && os.Getenv(lockedEnv) == "" {
		if err := a.lockProject(ctx, p); err != nil {
			return err
		}
	}
	if a.env != nil {
		return nil
	}
	bin, err := a.buildEnv(ctx, p)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // interrupted while building
	}
	wd, _ := os.Getwd()
	args := append([]string{"-C", wd}, withoutDirFlag(a.args)...)
	cmd := exec.Command(bin, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, a.stdout, a.stderr
	if a.exclusive {
		cmd.Env = append(os.Environ(), lockedEnv+"=1")
	}
	if err := cmd.Start(); err != nil {
		return fail("run the env program: %v", err)
	}
	// On Ctrl-C the env program must finish its cleanup (drop scratch
	// databases, leave no half-written pair), so it is never killed: it
	// gets the interrupt (again, when the terminal sent it to both) and
	// its exit code is ours.
	exited := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			cmd.Process.Signal(os.Interrupt)
		case <-exited:
		}
	}()
	err = cmd.Wait()
	close(exited)
	var exit *exec.ExitError
	switch {
	case err == nil:
		return &exitError{code: ExitOK, err: errSilent}
	case errors.As(err, &exit) && exit.ExitCode() > 0:
		return &exitError{code: exit.ExitCode(), err: errSilent}
	case errors.As(err, &exit):
		if sig, pipe, ok := killedBy(exit.ProcessState); ok {
			if pipe {
				// The reader of our output went away (autogen history |
				// head): end quietly, as a single process would.
				return &exitError{code: 128 + sig, err: errSilent}
			}
			return &exitError{code: 128 + sig, err: fmt.Errorf("the env program was stopped by a signal (%v)", exit.ProcessState)}
		}
	}
	return fail("run the env program: %v", err)
}

// lockedEnv tells the env program that the autogen binary holds the
// project's lock for it.
const lockedEnv = "AUTOGEN_PROJECT_LOCKED"

// lockProject takes the project's write lock (an advisory lock on
// autogen.toml), waiting while another autogen command holds it. The lock
// goes with the process.
func (a *app) lockProject(ctx context.Context, p *Project) error {
	f, err := os.Open(filepath.Join(p.Dir, ConfigFile))
	if err != nil {
		return fail("lock the project: %v", err)
	}
	waiting := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return fail("lock the project (%s): %v", a.relPath(f.Name()), err)
		}
		if ok {
			a.locked = f
			return nil
		}
		if !waiting {
			a.logf("Waiting for another autogen command that writes this project's migrations to finish…")
			waiting = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// buildEnv compiles the project's env program and returns its path.
func (a *app) buildEnv(ctx context.Context, p *Project) (string, error) {
	envDir := p.Path(p.Config.Env)
	if _, err := os.Stat(filepath.Join(envDir, "main.go")); err != nil {
		return "", fail("the env program %s is missing; restore it, or run 'autogen init' in a fresh module", filepath.Join(envDir, "main.go"))
	}
	rel, err := filepath.Rel(p.ModuleDir, envDir)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", fail("the env program %s is outside the Go module %s", envDir, p.ModuleDir)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	root := filepath.Join(cache, "autogen", "env")
	sum := sha256.Sum256([]byte(envDir))
	dir := filepath.Join(root, hex.EncodeToString(sum[:8]))
	bin := filepath.Join(dir, "env")
	a.debugf("building the env program: go build -o %s ./%s", bin, filepath.ToSlash(rel))
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./"+filepath.ToSlash(rel))
	build.Dir = p.ModuleDir
	var out bytes.Buffer
	build.Stdout, build.Stderr = &out, &out
	if err := build.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		return "", fail("the env program ./%s does not build; fix the errors below (a model, filter or migration file that does not compile):\n%s", filepath.ToSlash(rel), indent(out.String()))
	}
	if err := os.WriteFile(filepath.Join(dir, envSourceFile), []byte(envDir), 0o644); err == nil {
		pruneEnvCache(root, dir)
	}
	return bin, nil
}

// envSourceFile, beside a built env program, names the env directory it
// was built from.
const envSourceFile = "source"

// pruneEnvCache removes the env programs built for projects that no
// longer exist (a quickstart's temporary module, a deleted checkout), so
// that the cache does not grow by a binary per project ever built. keep
// is the directory just built.
func pruneEnvCache(root, keep string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || dir == keep {
			continue
		}
		src, err := os.ReadFile(filepath.Join(dir, envSourceFile))
		if err != nil {
			continue // built by an older autogen, or being built now
		}
		if _, err := os.Stat(filepath.Join(string(src), "main.go")); errors.Is(err, fs.ErrNotExist) {
			os.RemoveAll(dir)
		}
	}
}

// withoutDirFlag removes -C/--directory (already applied) from args.
func withoutDirFlag(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		switch arg := args[i]; {
		case arg == "--":
			return append(out, args[i:]...)
		case arg == "-C" || arg == "--directory":
			i++
		case strings.HasPrefix(arg, "-C") || strings.HasPrefix(arg, "--directory="):
		default:
			out = append(out, arg)
		}
	}
	return out
}

// errSilent marks an exit whose message was printed already.
var errSilent = errors.New("")

// chainSession locates the project and makes sure the command runs in its
// env program (see needEnv). The session has the chains but no resolved
// model; modelSession adds it.
func (a *app) chainSession(ctx context.Context) (*session, error) {
	p, err := a.project()
	if err != nil {
		return nil, err
	}
	if err := a.needEnv(ctx, p); err != nil {
		return nil, err
	}
	return &session{a: a, p: p}, nil
}

// modelSession is chainSession with the model resolved and scratch
// databases at hand; the caller closes it.
func (a *app) modelSession(ctx context.Context) (*session, error) {
	s, err := a.chainSession(ctx)
	if err != nil {
		return nil, err
	}
	return a.newSession(s.p)
}

// printJSON writes v as indented JSON.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
