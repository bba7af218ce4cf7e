// Command env is this project's autogen migration environment (like
// Alembic's env.py): it wires the model, the include-object filter and the
// two chains. autogen runs it with go run; edit it to add filter rules.
package main

import (
	"os"

	"github.com/autogen-dev/autogen/cmd/autogen/cli"
	"github.com/autogen-dev/autogen/diff"

	"github.com/autogen-dev/autogen/examples/prefect/migrations/versions/postgresql"
	"github.com/autogen-dev/autogen/examples/prefect/migrations/versions/sqlite"
	model "github.com/autogen-dev/autogen/examples/prefect/model"
)

func main() {
	filter := diff.DefaultFilter()
	os.Exit(cli.Main(os.Args[1:], &cli.Env{
		Model:    model.Schema,
		Postgres: postgresql.Chain,
		SQLite:   sqlite.Chain,
		Filter:   &filter,
	}))
}
