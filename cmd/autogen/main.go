// Command autogen writes paired PostgreSQL and SQLite migrations from a Go
// schema model, applies them, and checks in CI that model and migrations
// agree. Run 'autogen --help' for the commands.
package main

import (
	"os"

	"github.com/autogen-dev/autogen/cmd/autogen/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], nil))
}
