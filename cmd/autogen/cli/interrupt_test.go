package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// An interrupted revision says so in one line, exits 130 and writes
// nothing, whatever step the interrupt cut short.
func TestInterruptedRevisionWritesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // -C below changes the process's directory; this puts it back
	for name, content := range map[string]string{
		"go.mod":                        "module example.com/app\n\ngo 1.26\n",
		"migrations/autogen.toml":       "model = \"example.com/app/model.Schema\"\n",
		"migrations/MIGRATION-NOTES.md": "# Migration notes\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := &Env{
		Model:    &schema.Schema{Tables: []*schema.Table{{Name: "flow", Columns: []*schema.Column{{Name: "id", Type: schema.Integer}}}}},
		Postgres: migrations.NewChain(schema.Postgres),
		SQLite:   migrations.NewChain(schema.SQLite),
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Ctrl-C came before the work was done
	var stdout, stderr bytes.Buffer
	code := Run(ctx, []string{"-C", dir, "revision", "-m", "add flow", "--dialect", "sqlite"}, env, &stdout, &stderr)
	if code != ExitInterrupted {
		t.Errorf("exit %d, want %d", code, ExitInterrupted)
	}
	if got := stderr.String(); got != "Comparing the model with the SQLite chain's head…\nautogen: interrupted; nothing was written\n" {
		t.Errorf("stderr = %q", got)
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "migrations", "versions", "sqlite")); len(entries) > 0 {
		t.Errorf("files written: %v", entries)
	}
	if notes, _ := os.ReadFile(filepath.Join(dir, "migrations", "MIGRATION-NOTES.md")); string(notes) != "# Migration notes\n" {
		t.Errorf("notes changed: %q", notes)
	}
}
