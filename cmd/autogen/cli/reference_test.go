package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra"
)

var update = flag.Bool("update", false, "rewrite docs/cli.md from the commands")

// TestReference fails when docs/cli.md is not what the commands' own help
// generates; -update rewrites it.
func TestReference(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReference(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "..", "..", "docs", "cli.md")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Errorf("docs/cli.md is stale: run go test ./cmd/autogen/cli -run TestReference -update")
	}
}

// TestEveryCommandHasHelp checks that each command says what it does and
// shows an example.
func TestEveryCommandHasHelp(t *testing.T) {
	a := &app{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() || sub.Name() == "help" {
				continue
			}
			if sub.Short == "" || sub.Long == "" || sub.Example == "" {
				t.Errorf("autogen %s: Short, Long and Example are all needed", sub.Name())
			}
			walk(sub)
		}
	}
	walk(a.rootCommand())
}
