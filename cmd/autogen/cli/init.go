package cli

import (
	"bytes"
	"context"
	"fmt"
	"go/format"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/internal/atomicfile"
	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/templates"
)

// modulePath is autogen's own module path, which generated code imports.
const modulePath = "github.com/autogen-dev/autogen"

func (a *app) initCommand() *cobra.Command {
	var model, dir string
	cmd := &cobra.Command{
		Use:   "init --model IMPORTPATH.IDENT [--dir migrations]",
		Short: "Scaffold the migration environment in a Go module",
		Long: `Init creates, in the current Go module:

  DIR/autogen.toml          settings (like alembic.ini)
  DIR/env/main.go           the env program: wires the model, the filter and
                            the chains (like env.py); autogen builds and runs it
  DIR/script.go.tmpl        the migration file template (edit to taste)
  DIR/MIGRATION-NOTES.md    one entry per migration pair, newest first
  DIR/versions/postgresql/  the PostgreSQL chain (package postgresql)
  DIR/versions/sqlite/      the SQLite chain (package sqlite)

and adds autogen to go.mod. --model names the exported package-level
variable holding the model (a *schema.Schema), as IMPORTPATH.IDENT.`,
		Example: `  autogen init --model example.com/app/model.Schema
  autogen init --model example.com/app/internal/db.Model --dir db/migrations`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runInit(cmd.Context(), model, dir)
		},
	}
	cmd.Flags().StringVar(&model, "model", "", "the model variable as `IMPORTPATH.IDENT` (required)")
	cmd.Flags().StringVar(&dir, "dir", "migrations", "the migration environment's `DIR`ectory, inside the module")
	return cmd
}

func (a *app) runInit(ctx context.Context, model, dir string) error {
	importPath, ident, err := splitModelRef(model)
	if err != nil {
		return err
	}
	wd, err := os.Getwd()
	if err != nil {
		return fail("%v", err)
	}
	moduleDir, module, err := findModule(wd)
	if err != nil {
		return err
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return fail("%v", err)
	}
	rel, err := filepath.Rel(moduleDir, root)
	if err != nil || strings.HasPrefix(rel, "..") {
		return fail("--dir %s is outside the Go module %s", dir, moduleDir)
	}
	if fileExists(filepath.Join(root, ConfigFile)) {
		return fail("%s exists already: this module has an autogen environment", filepath.Join(root, ConfigFile))
	}
	envImport := module + "/" + filepath.ToSlash(rel)
	if rel == "." {
		envImport = module
	}
	cfg := defaultConfig()
	cfg.Model = model
	files := map[string][]byte{}
	files[ConfigFile] = configFile(cfg)
	envMain, err := envProgram(importPath, ident, envImport+"/"+cfg.Versions)
	if err != nil {
		return fail("%v", err)
	}
	files[filepath.Join(cfg.Env, "main.go")] = envMain
	tmpl, err := templates.FS.ReadFile("script.go.tmpl")
	if err != nil {
		return fail("%v", err)
	}
	files[cfg.Template] = tmpl
	files[cfg.Notes] = []byte(render.NotesHeader)
	for _, d := range cfg.Dialects {
		src, err := render.ChainFile(string(d), d)
		if err != nil {
			return fail("%v", err)
		}
		files[filepath.Join(cfg.Versions, string(d), "chain.go")] = src
	}
	sum := &sumData{}
	for _, d := range cfg.Dialects {
		rel := string(d) + "/chain.go"
		sum.Entries = append(sum.Entries, sumEntry{Path: rel, Hash: hashBytes(files[filepath.Join(cfg.Versions, string(d), "chain.go")])})
	}
	sum.Total = totalOf(sum.Entries)
	files[filepath.Join(cfg.Versions, SumFile)] = sum.bytes()
	var set atomicfile.Set
	var created []string
	for name, data := range files {
		path := filepath.Join(root, name)
		if !fileExists(path) {
			created = append(created, path)
		}
		set.Add(path, data, 0o644)
	}
	if err := set.Commit(); err != nil {
		return fail("scaffold %s: %v", dir, err)
	}
	// A scaffold whose env program cannot build (a --model that names
	// nothing) is taken back, so that init can simply run again.
	ok := false
	defer func() {
		if !ok {
			removeScaffold(root, created)
		}
	}()
	for _, name := range []string{ConfigFile, filepath.Join(cfg.Env, "main.go"), cfg.Template, cfg.Notes,
		filepath.Join(cfg.Versions, "postgresql", "chain.go"), filepath.Join(cfg.Versions, "sqlite", "chain.go"), filepath.Join(cfg.Versions, SumFile)} {
		fmt.Fprintf(a.stdout, "Created %s\n", filepath.Join(dir, name))
	}
	if module != modulePath { // autogen's own examples need no requirement
		if err := a.addRequirement(ctx, moduleDir, "./"+filepath.ToSlash(rel)+"/..."); err != nil {
			return err
		}
	}
	a.logf("Checking that the env program builds…")
	build := exec.CommandContext(ctx, "go", "build", "-o", os.DevNull, "./"+filepath.ToSlash(filepath.Join(rel, cfg.Env)))
	build.Dir = moduleDir
	if out, err := build.CombinedOutput(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fail("the env program does not build; check that %s declares the exported variable %s (a *schema.Schema), then run init again (the files above were removed):\n%s", importPath, ident, indent(string(out)))
	}
	ok = true
	fmt.Fprintf(a.stdout, "Ready. Next: autogen revision -m \"initial schema\"\n")
	return nil
}

// removeScaffold removes the files init created under root, and the
// directories that this leaves empty.
func removeScaffold(root string, created []string) {
	for _, path := range created {
		os.Remove(path)
		for dir := filepath.Dir(path); strings.HasPrefix(dir, root); dir = filepath.Dir(dir) {
			if os.Remove(dir) != nil { // not empty: keep it and its parents
				break
			}
		}
	}
}

// splitModelRef splits IMPORTPATH.IDENT.
func splitModelRef(ref string) (string, string, error) {
	i := strings.LastIndex(ref, ".")
	slash := strings.LastIndex(ref, "/")
	if ref == "" || i < 0 || i < slash {
		return "", "", fail("--model %q must be IMPORTPATH.IDENT, such as example.com/app/model.Schema", ref)
	}
	path, ident := ref[:i], ref[i+1:]
	if !token.IsIdentifier(ident) || !token.IsExported(ident) {
		return "", "", fail("--model %q: %q is not an exported Go identifier", ref, ident)
	}
	return path, ident, nil
}

func configFile(cfg Config) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `# autogen settings. Paths are relative to this file.

# The model: the exported *schema.Schema variable, as IMPORTPATH.IDENT.
model = %q

# The env program (like Alembic's env.py): it wires the model, the
# include-object filter and the chains; autogen builds and runs it.
env = %q

# One folder per dialect: versions/postgresql, versions/sqlite. A project
# that runs on PostgreSQL only keeps dialects = ["postgresql"].
versions = %q
dialects = ["postgresql", "sqlite"]

# One entry per migration pair, newest first.
notes = %q

# The migration file template; the built-in one when the file is missing.
template = %q

# The table that records a database's revision (Alembic's layout).
version_table = %q

[dev]
# A PostgreSQL server where autogen may create and drop scratch databases.
# Empty: $AUTOGEN_PG_DEV_URL, else a throwaway local cluster.
postgres_url = ""
`, cfg.Model, cfg.Env, cfg.Versions, cfg.Notes, cfg.Template, cfg.VersionTable)
	return b.Bytes()
}

var envTemplate = template.Must(template.New("env").Parse(`// Command env is this project's autogen migration environment (like
// Alembic's env.py): it wires the model, the include-object filter and the
// two chains. autogen builds and runs it; edit it to add filter rules.
package main

import (
	"os"

	"github.com/autogen-dev/autogen/cmd/autogen/cli"
	"github.com/autogen-dev/autogen/diff"

	model {{printf "%q" .ModelImport}}
	"{{.Versions}}/postgresql"
	"{{.Versions}}/sqlite"
)

func main() {
	filter := diff.DefaultFilter()
	os.Exit(cli.Main(os.Args[1:], &cli.Env{
		Model:    model.{{.Ident}},
		Postgres: postgresql.Chain,
		SQLite:   sqlite.Chain,
		Filter:   &filter,
	}))
}
`))

func envProgram(modelImport, ident, versions string) ([]byte, error) {
	var b bytes.Buffer
	err := envTemplate.Execute(&b, map[string]string{"ModelImport": modelImport, "Ident": ident, "Versions": versions})
	if err != nil {
		return nil, err
	}
	return format.Source(b.Bytes())
}

// addRequirement makes the module depend on autogen: the released version
// this binary was built from, or, for a development build, the source tree
// it was built from (a replace directive); then it adds what the new
// packages (pattern) need to go.mod and go.sum.
func (a *app) addRequirement(ctx context.Context, moduleDir, pattern string) error {
	goCmd := func(args ...string) error {
		c := exec.CommandContext(ctx, "go", args...)
		c.Dir = moduleDir
		if out, err := c.CombinedOutput(); err != nil {
			return fail("go %s: %v\n%s", strings.Join(args, " "), err, indent(string(out)))
		}
		return nil
	}
	version := ""
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Path == modulePath && info.Main.Version != "(devel)" && info.Main.Version != "" {
		version = info.Main.Version
	}
	if src := sourceTree(); version == "" && src != "" {
		if err := goCmd("mod", "edit", "-require="+modulePath+"@v0.0.0-00010101000000-000000000000", "-replace="+modulePath+"="+src); err != nil {
			return err
		}
		a.logf("Using autogen's source tree %s (a development build) through a replace directive in go.mod.", src)
	} else if version != "" {
		if err := goCmd("get", modulePath+"@"+version); err != nil {
			return err
		}
	} else {
		return fail("cannot tell which autogen version to require: this is a development build whose source tree is not found; set AUTOGEN_SOURCE to autogen's source directory")
	}
	return goCmd("get", pattern)
}

// sourceTree finds the autogen source tree of a development build:
// $AUTOGEN_SOURCE, else the tree this file was compiled from, if it is
// still there.
func sourceTree() string {
	if dir := os.Getenv("AUTOGEN_SOURCE"); dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			return abs
		}
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return ""
	}
	root := filepath.Dir(filepath.Dir(filepath.Dir(filepath.Dir(file)))) // cmd/autogen/cli/init.go
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil || !strings.Contains(string(data), "module "+modulePath+"\n") {
		return ""
	}
	return root
}
