package cli

import (
	"bytes"
	"os"
	"testing"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// TestAnnotate checks the GitHub Actions workflow commands: properties and
// message escaped so that a colon, comma, percent sign or line break in a
// path or message cannot end them early.
func TestAnnotate(t *testing.T) {
	var out bytes.Buffer
	a := &app{stdout: &out}
	a.annotate([]problem{
		{Check: checkSum, File: "migrations/versions/sqlite/a,b:c.go", Line: 1, Message: "edited: 100% sure", Details: []string{"line two"}, Fix: "run 'autogen hash'"},
		{Check: checkChain, Dialect: "postgresql", Message: "two heads", Fix: "merge"},
	})
	want := "::error file=migrations/versions/sqlite/a%2Cb%3Ac.go,line=1,title=autogen check%3A sum::edited: 100%25 sure%0A  line two%0Afix: run 'autogen hash'\n" +
		"::error title=autogen check%3A chain (PostgreSQL)::two heads%0Afix: merge\n"
	if got := out.String(); got != want {
		t.Errorf("annotations:\n got %q\nwant %q", got, want)
	}
}

func TestSumRoundTrip(t *testing.T) {
	s := &sumData{Entries: []sumEntry{{Path: "postgresql/a.go", Hash: hashBytes([]byte("a"))}, {Path: "sqlite/b.go", Hash: hashBytes([]byte("b"))}}}
	s.Total = totalOf(s.Entries)
	dir := t.TempDir()
	p := &Project{Dir: dir, Config: defaultConfig()}
	p.Config.Versions = "."
	if err := writeFileForTest(p.SumPath(), s.bytes()); err != nil {
		t.Fatal(err)
	}
	got, err := p.readSum()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.bytes(), s.bytes()) || got.Total != totalOf(got.Entries) {
		t.Errorf("read back %q, want %q", got.bytes(), s.bytes())
	}
	if err := writeFileForTest(p.SumPath(), []byte("<<<<<<< HEAD\nh1:x\n=======\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := p.readSum(); err == nil {
		t.Error("a checksum file with conflict markers was read without error")
	}
}

func writeFileForTest(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }

// A message written over several lines (-m with a newline) is one line
// where autogen prints one line per migration.
func TestMultiLineMessagesPrintOnOneLine(t *testing.T) {
	var out bytes.Buffer
	a := &app{stdout: &out, stderr: &out}
	a.printResults([]migrations.Result{{Revision: "0123456789ab", Message: "add `notes`\nwith \"quotes\"\n# heading"}}, nil, "Upgraded")
	a.printRows([]schema.Dialect{schema.SQLite}, []pairRow{{Message: "first\nsecond", Revisions: map[schema.Dialect]string{schema.SQLite: "0123456789ab"}, InNotes: true}}, false)
	want := "Upgraded 0123456789ab add `notes` with \"quotes\" # heading\n" +
		"CREATED  SQLITE        MESSAGE\n" +
		"         0123456789ab  first second\n"
	if got := out.String(); got != want {
		t.Errorf("output:\n got %q\nwant %q", got, want)
	}
}
