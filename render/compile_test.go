package render

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/render/internal/optest"
	"github.com/autogen-dev/autogen/schema"
)

// mainSource is the program built from the rendered files: it prints the
// schema of the rendered model and, per chain, what each migration
// records when its functions run.
const mainSource = `package main

import (
	"encoding/json"
	"os"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/render/internal/optest"
	"PKG/model"
	"PKG/postgresql"
	"PKG/sqlite"
)

func main() {
	out := map[string]any{"schema": model.Model}
	for _, chain := range []*migrations.Chain{postgresql.Chain, sqlite.Chain} {
		recorded := map[string]optest.Migration{}
		for _, m := range chain.Migrations() {
			r, err := optest.Recorded(m)
			if err != nil {
				panic(err)
			}
			recorded[m.Revision] = r
		}
		out[string(chain.Dialect())] = recorded
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
`

// TestGeneratedCodeBuildsAndRuns places every golden migration, both chain
// files and the schema file in a temporary package tree inside the module,
// vets it, runs a program over it, and checks that the migrations record
// exactly the operations they were rendered from and that the schema file
// holds exactly the schema.
func TestGeneratedCodeBuildsAndRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program with the go command")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	// A directory under testdata/ is inside the module (so its packages can
	// import ours) and outside ./... patterns.
	dir, err := os.MkdirTemp("testdata", "compile_check_")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	pkg := "github.com/autogen-dev/autogen/render/" + filepath.ToSlash(dir)

	write := func(name string, src []byte) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]any{"schema": fullSchema()}
	for _, d := range schema.Dialects {
		chain, err := ChainFile(string(d), d)
		if err != nil {
			t.Fatal(err)
		}
		write(filepath.Join(string(d), "chain.go"), chain)
		want[string(d)] = map[string]optest.Migration{}
	}
	for _, c := range migrationCases() {
		src, err := Migration(nil, c.file)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		f := c.file
		write(filepath.Join(string(f.Dialect), FileName(f.Created, f.Revision, f.Message)), src)
		up, down := f.Upgrade, f.Downgrade
		if c.recordUp != nil {
			up = c.recordUp
		}
		if c.recordDown != nil {
			down = c.recordDown
		}
		want[string(f.Dialect)].(map[string]optest.Migration)[f.Revision] = optest.Migration{
			Revision:      f.Revision,
			DownRevisions: f.DownRevisions,
			Message:       f.Message,
			Created:       f.Created.UTC().Format("2006-01-02 15:04:05"),
			Upgrade:       optest.Records(up),
			Downgrade:     optest.Records(down),
		}
	}
	model, err := SchemaFile("model", "Model", fullSchema())
	if err != nil {
		t.Fatal(err)
	}
	write(filepath.Join("model", "model.go"), model)
	write("main.go", []byte(strings.ReplaceAll(mainSource, "PKG", pkg)))

	run := func(args ...string) []byte {
		t.Helper()
		cmd := exec.Command(goTool, args...)
		cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -buildvcs=false"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
		}
		return out
	}
	pkgs := []string{pkg, pkg + "/model", pkg + "/postgresql", pkg + "/sqlite"}
	run(append([]string{"vet"}, pkgs...)...)
	got := run("run", pkg)

	wantJSON, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), wantJSON) {
		t.Errorf("the built program reports other values than were rendered\n got: %s\nwant: %s", got, wantJSON)
		var g, w map[string]json.RawMessage
		if json.Unmarshal(got, &g) == nil && json.Unmarshal(wantJSON, &w) == nil {
			for k := range w {
				if !bytes.Equal(g[k], w[k]) {
					t.Errorf("%s differs:\n got: %s\nwant: %s", k, g[k], w[k])
				}
			}
		}
	}
}
