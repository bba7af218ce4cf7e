package render

import (
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/schema"
)

// prefectNotes is the start of Prefect's MIGRATION-NOTES.md, with its
// irregularities: "##" headings, text before and after the revision lines,
// no space after a label, "None", and entries without a blank line between.
const prefectNotes = "# Migration notes\n" +
	"\n" +
	"Each time a database migration is written, an entry is included here with:\n" +
	"\n" +
	"- The purpose of the migration\n" +
	"- Concerns about upgrade / downgrade (if any)\n" +
	"- Revision numbers for sqlite/postgres\n" +
	"\n" +
	"This gives us a history of changes and will create merge conflicts if two migrations are made at once, flagging situations where a branch needs to be updated before merging.\n" +
	"\n" +
	"# Add `labels` column to Flow, FlowRun, TaskRun, and Deployment\n" +
	"SQLite: `5952a5498b51`\n" +
	"Postgres: `68a44144428d`\n" +
	"\n" +
	"# Add `concurrency_limit` to `Deployments`\n" +
	"SQLite: `f93e1439f022`\n" +
	"Postgres:`97429116795e`\n" +
	"\n" +
	"# Initial schema migration for the artifacts/results table\n" +
	"SQLite: `f92143d30c24`\n" +
	"Postgres: `2882cd2df463`\n" +
	"\n" +
	"This schema migration creates the artifact table with extra `state_id` columns.\n" +
	"\n" +
	"# Add `CANCELLING` to StateType enum\n" +
	"SQLite: None\n" +
	"Postgres: `9326a6aee18b`\n" +
	"\n" +
	"## Add more fields to deployments\n" +
	"\n" +
	"SQLite: `296e2665785f`\n" +
	"Postgres: `60e428f92a75`\n" +
	"\n" +
	"## Renames existing block types and deletes removed block types\n" +
	"\n" +
	"SQLite: `628a873f0d1a`\n" +
	"Postgres: `bb4dc90d3e29`\n" +
	"## Add configuration tables\n" +
	"\n" +
	"Adds a table for storing key / value configuration options.\n" +
	"\n" +
	"SQLite: `28ae48128c75`\n" +
	"Postgres: `679e695af6ba`\n"

func TestParseNotes(t *testing.T) {
	for _, c := range []struct {
		name    string
		notes   string
		want    []NotesEntry
		wantErr []string
	}{
		{name: "empty"},
		{name: "header only", notes: NotesHeader},
		{name: "prefect", notes: prefectNotes, want: []NotesEntry{
			{Message: "Add `labels` column to Flow, FlowRun, TaskRun, and Deployment", SQLite: "5952a5498b51", Postgres: "68a44144428d", Line: 11},
			{Message: "Add `concurrency_limit` to `Deployments`", SQLite: "f93e1439f022", Postgres: "97429116795e", Line: 15},
			{Message: "Initial schema migration for the artifacts/results table", SQLite: "f92143d30c24", Postgres: "2882cd2df463", Line: 19},
			{Message: "Add `CANCELLING` to StateType enum", Postgres: "9326a6aee18b", Line: 25},
			{Message: "Add more fields to deployments", SQLite: "296e2665785f", Postgres: "60e428f92a75", Line: 29},
			{Message: "Renames existing block types and deletes removed block types", SQLite: "628a873f0d1a", Postgres: "bb4dc90d3e29", Line: 34},
			{Message: "Add configuration tables", SQLite: "28ae48128c75", Postgres: "679e695af6ba", Line: 38},
		}},
		{name: "no title", notes: "# Add x\nSQLite: None\nPostgres: `abc`\n", want: []NotesEntry{
			{Message: "Add x", Postgres: "abc", Line: 1},
		}},
		{name: "CRLF and BOM", notes: "\ufeff# Notes\r\n\r\n# Add   x\r\nSQLite: `a1`\r\n  Postgres:  None  \r\n", want: []NotesEntry{
			{Message: "Add x", SQLite: "a1", Line: 3},
		}},
		{name: "empty message", notes: "# Notes\n\n#\nSQLite: `a`\nPostgres: `b`\n", want: []NotesEntry{
			{SQLite: "a", Postgres: "b", Line: 3},
		}},
		{name: "problems", notes: "# Notes\n\n# One\nSQLite: abc\nPostgres: `x y`\n\n# Two\nSQLite: None\nSQLite: `a`\n\n# Three\n", want: []NotesEntry{
			{Message: "One", Line: 3},
			{Message: "Two", Line: 7},
			{Message: "Three", Line: 11},
		}, wantErr: []string{
			"line 4: SQLite: \"abc\": want a revision in backquotes or None",
			"line 5: Postgres: \"`x y`\": want a revision in backquotes or None",
			"line 9: entry \"Two\" has a second \"SQLite:\" line",
			"line 7: entry \"Two\" has no \"Postgres:\" line",
			"line 11: entry \"Three\" has no \"SQLite:\" line",
			"line 11: entry \"Three\" has no \"Postgres:\" line",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseNotes([]byte(c.notes))
			if !equalEntries(got, c.want, true) {
				t.Errorf("entries:\n got %+v\nwant %+v", got, c.want)
			}
			if c.wantErr == nil && err != nil {
				t.Errorf("unexpected error: %v", err)
			}
			for _, w := range c.wantErr {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v\nwant it to contain %q", err, w)
				}
			}
		})
	}
}

func equalEntries(a, b []NotesEntry, lines bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if !lines {
			x.Line, y.Line = 0, 0
		}
		if x != y {
			return false
		}
	}
	return true
}

func TestPrependNotes(t *testing.T) {
	entry := NotesEntry{Message: "Add labels\nto flow", SQLite: "5952a5498b51"}
	const rendered = "# Add labels to flow\nSQLite: `5952a5498b51`\nPostgres: None\n"
	if got := entry.String(); got != rendered {
		t.Fatalf("String() = %q, want %q", got, rendered)
	}
	for _, c := range []struct{ name, notes, want string }{
		{"empty file", "", NotesHeader + "\n" + rendered},
		{"blank file", "\n  \n", NotesHeader + "\n" + rendered},
		{"header only", NotesHeader, NotesHeader + "\n" + rendered},
		{"header with trailing blank lines", NotesHeader + "\n\n\n", NotesHeader + "\n" + rendered},
		{"title only, no newline", "# Notes", "# Notes\n\n" + rendered},
		{"entries", NotesHeader + "\n# Old\nSQLite: `a`\nPostgres: `b`\n",
			NotesHeader + "\n" + rendered + "\n# Old\nSQLite: `a`\nPostgres: `b`\n"},
		{"no title", "# Old\nSQLite: `a`\nPostgres: `b`\n", rendered + "\n# Old\nSQLite: `a`\nPostgres: `b`\n"},
		{"prefect", prefectNotes, prefectNotes[:strings.Index(prefectNotes, "# Add `labels`")] + rendered + "\n" + prefectNotes[strings.Index(prefectNotes, "# Add `labels`"):]},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := PrependNotes([]byte(c.notes), entry)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			before, _ := ParseNotes([]byte(c.notes))
			after, err := ParseNotes(got)
			if err != nil {
				t.Fatal(err)
			}
			want := append([]NotesEntry{{Message: "Add labels to flow", SQLite: "5952a5498b51"}}, before...)
			if !equalEntries(after, want, false) {
				t.Errorf("parsed back:\n got %+v\nwant %+v", after, want)
			}
		})
	}
	for _, bad := range []NotesEntry{{SQLite: "a`b"}, {Postgres: "a b"}, {Postgres: "ab\n"}} {
		if _, err := PrependNotes(nil, bad); err == nil {
			t.Errorf("PrependNotes accepted %+v", bad)
		}
	}
}

func TestNotesEntryRevision(t *testing.T) {
	e := NotesEntry{SQLite: "s", Postgres: "p"}
	if e.Revision(schema.SQLite) != "s" || e.Revision(schema.Postgres) != "p" || e.Revision("mysql") != "" {
		t.Errorf("Revision: %+v", e)
	}
}

// FuzzParseNotes checks that ParseNotes never panics, that the entries it
// finds re-render (with PrependNotes, oldest first) to a file that parses
// back to the same entries without error and renders to the same text
// again, and that prepending to any file adds exactly one entry on top.
func FuzzParseNotes(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte(NotesHeader))
	f.Add([]byte(prefectNotes))
	f.Add([]byte("# Add x\nSQLite: None\nPostgres: `abc`\n"))
	f.Add([]byte("\ufeff# T\r\n#\r\nSQLite: ``\nPostgres: `a`b`\n## x\n# y\nSQLite:None\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, _ := ParseNotes(data)

		rebuild := func(entries []NotesEntry) []byte {
			out := []byte(NotesHeader)
			for i := len(entries) - 1; i >= 0; i-- {
				var err error
				if out, err = PrependNotes(out, entries[i]); err != nil {
					t.Fatalf("a parsed entry does not render: %v", err)
				}
			}
			return out
		}
		text := rebuild(entries)
		again, err := ParseNotes(text)
		if err != nil {
			t.Fatalf("re-rendered notes do not parse: %v\n%s", err, text)
		}
		if !equalEntries(again, entries, false) {
			t.Fatalf("re-rendered notes parse to other entries:\n got %+v\nwant %+v", again, entries)
		}
		if string(rebuild(again)) != string(text) {
			t.Fatalf("re-rendering is not stable")
		}

		top := NotesEntry{Message: "fuzz", SQLite: "abc"}
		prepended, err := PrependNotes(data, top)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := ParseNotes(prepended)
		if len(got) == 0 || got[0].Message != top.Message || got[0].SQLite != top.SQLite || got[0].Postgres != top.Postgres {
			t.Fatalf("prepended entry is not on top: %+v\n%q", got, prepended)
		}
		// A blank file gets the header, which holds no entries.
		if len(strings.TrimSpace(string(data))) > 0 && !equalEntries(got[1:], entries, false) {
			t.Fatalf("prepending changed the other entries:\n got %+v\nwant %+v\n%q", got[1:], entries, prepended)
		}
	})
}
