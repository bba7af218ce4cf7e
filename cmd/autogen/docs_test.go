package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/autogen-dev/autogen/internal/pgtest"
)

// The documentation is run as written: TestDocs follows docs/*.md as a new
// user would, in a fresh directory, and fails when a command does not do
// what the text says. In a doc:
//
//   - every line of a ```sh block is a command, run by bash in order (cd
//     and exports carry over); a trailing "# exit N" says the command
//     exits N (default 0);
//   - a ```go file=PATH block is written to PATH;
//   - a ```go file=GLOB after=TEXT block is inserted after the line
//     holding TEXT, in each file matching GLOB; with replace=TEXT it
//     replaces that line;
//   - in a ```yaml block, each "run:" step is a command, run with
//     GITHUB_ACTIONS=true (the CI recipe).
//
// The test provides what a reader provides: the autogen binary on PATH
// (so "go install …/cmd/autogen" lines are not run), and a PostgreSQL
// server and database (so "export AUTOGEN_PG_DEV_URL=…" and
// "export DATABASE_URL=…" lines are not run).
var docRuns = []struct {
	name  string
	docs  []string
	setup func(t *testing.T, dbURL string)
}{
	{name: "tutorial", docs: []string{"getting-started.md", "data-migrations.md", "filters.md", "ci.md"}},
	{name: "alembic", docs: []string{"alembic.md"}, setup: alembicDatabase},
}

func TestDocs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the documentation's commands; skipped with -short")
	}
	srv := pgtest.Server(t)
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	ran := map[string]bool{}
	for _, run := range docRuns {
		t.Run(run.name, func(t *testing.T) {
			dbURL := pgtest.DB(t)
			if run.setup != nil {
				run.setup(t, dbURL)
			}
			var script strings.Builder
			script.WriteString(docPrelude)
			for _, doc := range run.docs {
				fmt.Fprintf(&script, "echo '### %s'\n", doc)
				for _, cmd := range docScript(t, filepath.Join(repo, "docs", doc), &script) {
					ran[cmd] = true
				}
			}
			work := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, "bash", "-c", script.String())
			cmd.Dir = work
			cmd.Env = append(os.Environ(),
				"PATH="+filepath.Dir(autogenBin)+string(os.PathListSeparator)+os.Getenv("PATH"),
				"AUTOGEN_PG_DEV_URL="+srv.URL(),
				"DATABASE_URL="+dbURL,
				"AUTOGEN_SOURCE="+repo,
				"GOFLAGS=-mod=mod",
				"XDG_CACHE_HOME="+filepath.Join(work, ".cache"),
			)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("following %s: %v\n%s", strings.Join(run.docs, ", "), err, out)
			}
		})
	}
	// Every autogen command shown in the README and the docs ran.
	for _, doc := range append([]string{"README.md"}, docFiles(t, repo)...) {
		for _, line := range shellLines(t, filepath.Join(repo, doc)) {
			cmd, _ := splitExit(line)
			if strings.HasPrefix(cmd, "autogen ") && !ran[cmd] {
				t.Errorf("%s shows %q, which no doc run executes", doc, cmd)
			}
		}
	}
}

const docPrelude = `set -u
__run() {
	local want=$1; shift
	echo "\$ $*"
	eval "$@"
	local code=$?
	if [ "$code" != "$want" ]; then
		echo "FAILED: exit $code, want $want: $*" >&2
		exit 1
	fi
}
`

var (
	fenceRE = regexp.MustCompile("^```([a-z]*)(.*)$")
	attrRE  = regexp.MustCompile(`(\w+)=("[^"]*"|'[^']*'|\S+)`)
	exitRE  = regexp.MustCompile(`\s+# exit (\d+)\b.*$`)
	runRE   = regexp.MustCompile(`^\s*-?\s*run:\s*(.+)$`)
)

// skipLine reports a line the test environment stands in for.
func skipLine(line string) bool {
	return strings.HasPrefix(line, "go install github.com/autogen-dev/autogen") ||
		strings.HasPrefix(line, "export AUTOGEN_PG_DEV_URL=") ||
		strings.HasPrefix(line, "export DATABASE_URL=")
}

// splitExit splits a command from its "# exit N" comment.
func splitExit(line string) (string, int) {
	if m := exitRE.FindStringSubmatch(line); m != nil {
		n, _ := strconv.Atoi(m[1])
		return strings.TrimSpace(line[:len(line)-len(m[0])]), n
	}
	if i := strings.Index(line, "  #"); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSpace(line), 0
}

// docScript appends a doc's commands and files to script and returns the
// commands.
func docScript(t *testing.T, path string, script *strings.Builder) []string {
	t.Helper()
	var cmds []string
	for _, b := range fences(t, path) {
		switch {
		case b.lang == "sh":
			for _, line := range strings.Split(b.text, "\n") {
				line = strings.TrimSpace(line)
				if line == "" || strings.HasPrefix(line, "#") || skipLine(line) {
					continue
				}
				cmd, code := splitExit(line)
				fmt.Fprintf(script, "__run %d %s\n", code, shellQuote(cmd))
				cmds = append(cmds, cmd)
			}
		case b.attrs["file"] != "" && b.attrs["after"] != "":
			fmt.Fprintf(script, "for f in %s; do TEXT=%s AFTER=%s awk 'index($0, ENVIRON[\"AFTER\"]) {print; print ENVIRON[\"TEXT\"]; next} {print}' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"; done\n",
				b.attrs["file"], shellQuote(strings.TrimRight(b.text, "\n")), shellQuote(b.attrs["after"]))
		case b.attrs["file"] != "" && b.attrs["replace"] != "":
			fmt.Fprintf(script, "for f in %s; do TEXT=%s OLD=%s awk 'index($0, ENVIRON[\"OLD\"]) {print ENVIRON[\"TEXT\"]; next} {print}' \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\"; done\n",
				b.attrs["file"], shellQuote(strings.TrimRight(b.text, "\n")), shellQuote(b.attrs["replace"]))
		case b.attrs["file"] != "":
			fmt.Fprintf(script, "mkdir -p \"$(dirname %s)\" && printf '%%s\\n' %s > %s\n", b.attrs["file"], shellQuote(strings.TrimRight(b.text, "\n")), b.attrs["file"])
		case b.lang == "yaml":
			for _, line := range strings.Split(b.text, "\n") {
				m := runRE.FindStringSubmatch(line)
				if m == nil || skipLine(m[1]) {
					continue
				}
				fmt.Fprintf(script, "GITHUB_ACTIONS=true __run 0 %s\n", shellQuote(m[1]))
				cmds = append(cmds, m[1])
			}
		}
	}
	return cmds
}

type fence struct {
	lang  string
	attrs map[string]string
	text  string
}

// fences returns a Markdown file's fenced code blocks.
func fences(t *testing.T, path string) []fence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fence
	var cur *fence
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if cur != nil {
			if line == "```" {
				out = append(out, *cur)
				cur = nil
				continue
			}
			cur.text += line + "\n"
			continue
		}
		if m := fenceRE.FindStringSubmatch(line); m != nil {
			cur = &fence{lang: m[1], attrs: map[string]string{}}
			for _, a := range attrRE.FindAllStringSubmatch(m[2], -1) {
				cur.attrs[a[1]] = strings.Trim(a[2], `"'`)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// shellLines returns the command lines of a file's ```sh blocks.
func shellLines(t *testing.T, path string) []string {
	var out []string
	for _, b := range fences(t, path) {
		if b.lang != "sh" {
			continue
		}
		for _, line := range strings.Split(b.text, "\n") {
			line = strings.TrimSpace(line)
			if line != "" && !strings.HasPrefix(line, "#") {
				out = append(out, line)
			}
		}
	}
	return out
}

// docFiles lists docs/*.md except the generated reference.
func docFiles(t *testing.T, repo string) []string {
	matches, err := filepath.Glob(filepath.Join(repo, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range matches {
		if base := filepath.Base(m); base != "cli.md" {
			out = append(out, filepath.Join("docs", base))
		}
	}
	return out
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// alembicDatabase makes dbURL look like a database that Alembic manages:
// a schema, and alembic_version at an Alembic revision.
func alembicDatabase(t *testing.T, dbURL string) {
	execSQL(t, dbURL,
		`CREATE TABLE account (id integer NOT NULL, email varchar(200) NOT NULL, created timestamp with time zone DEFAULT now() NOT NULL, CONSTRAINT pk_account PRIMARY KEY (id), CONSTRAINT uq_account__email UNIQUE (email))`,
		`CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))`,
		`INSERT INTO alembic_version VALUES ('3f1c2d5e8a9b')`,
	)
}
