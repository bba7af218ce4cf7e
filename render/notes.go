package render

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/autogen-dev/autogen/schema"
)

// NotesHeader is what `autogen init` writes to MIGRATION-NOTES.md: the
// title and the header paragraphs. Entries go below it, newest first.
const NotesHeader = `# Migration notes

Each time a migration is generated, an entry is added here, on top of the others, with:

- the purpose of the migration (its message)
- the revision of its SQLite and of its PostgreSQL migration, or None when a dialect needs none

This gives a history of changes, and two branches that both add a migration conflict here, which flags that one must be brought up to date before merging.
`

// NotesEntry is one entry of MIGRATION-NOTES.md, in Prefect's format:
//
//	# Add labels to flow
//	SQLite: `5952a5498b51`
//	Postgres: `68a44144428d`
//
// A dialect without a migration for the change is written "None", bare.
type NotesEntry struct {
	// Message is the heading's text, on one line: rendering joins the
	// message's lines with spaces.
	Message string
	// SQLite and Postgres are the revisions of the pair, "" for None.
	SQLite, Postgres string
	// Line is the 1-based line of the entry's heading, set by ParseNotes.
	Line int
}

// Revision returns the entry's revision for dialect d, "" for None.
func (e NotesEntry) Revision(d schema.Dialect) string {
	switch d {
	case schema.SQLite:
		return e.SQLite
	case schema.Postgres:
		return e.Postgres
	}
	return ""
}

// String renders the entry: its heading and its two revision lines, each
// ending in a newline.
func (e NotesEntry) String() string {
	return strings.TrimRight("# "+oneLine(e.Message), " ") + "\n" +
		notesLabelSQLite + " " + notesRevision(e.SQLite) + "\n" +
		notesLabelPostgres + " " + notesRevision(e.Postgres) + "\n"
}

// Labels of the revision lines.
const (
	notesLabelSQLite   = "SQLite:"
	notesLabelPostgres = "Postgres:"
	notesNone          = "None"
)

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func notesRevision(rev string) string {
	if rev == "" {
		return notesNone
	}
	return "`" + rev + "`"
}

// checkNotesRevision rejects a revision that cannot be read back: one
// holding a backquote or white space.
func checkNotesRevision(label, rev string) error {
	if strings.ContainsRune(rev, '`') || strings.ContainsFunc(rev, unicode.IsSpace) {
		return fmt.Errorf("%s revision %q cannot be written in the notes (it holds a backquote or white space)", strings.TrimSuffix(label, ":"), rev)
	}
	return nil
}

// PrependNotes returns the notes file with e added on top of its entries:
// right below the header (the title and the paragraphs before the first
// entry), separated from both by one blank line. Blank notes get
// NotesHeader first. The file's other bytes are kept as they are, except
// blank lines at the end of the header.
func PrependNotes(notes []byte, e NotesEntry) ([]byte, error) {
	for _, c := range []struct{ label, rev string }{{notesLabelSQLite, e.SQLite}, {notesLabelPostgres, e.Postgres}} {
		if err := checkNotesRevision(c.label, c.rev); err != nil {
			return nil, fmt.Errorf("prepend notes entry %q: %w", e.Message, err)
		}
	}
	bom, notes := cutBOM(notes)
	if len(bytes.TrimSpace(notes)) == 0 {
		notes = []byte(NotesHeader)
	}
	at := len(notes)
	if _, sections := scanNotes(notes); len(sections) > 0 {
		at = sections[0].offset
	}
	head := trimBlankLines(notes[:at])
	var out bytes.Buffer
	out.Write(bom)
	out.Write(head)
	if len(head) > 0 {
		out.WriteByte('\n')
	}
	out.WriteString(e.String())
	if rest := notes[at:]; len(rest) > 0 {
		out.WriteByte('\n')
		out.Write(rest)
	}
	return out.Bytes(), nil
}

// ParseNotes reads the entries of a MIGRATION-NOTES.md file, in file
// order. The file is read as follows:
//
//   - A heading is a line starting with "# " or "## " (Prefect's older
//     entries use the second form), or a line "#" or "##" alone.
//   - The title is the file's first non-blank line when it is a heading
//     whose section (the lines up to the next heading) holds no revision
//     line. Every other heading starts an entry, whose message is the
//     heading's text with runs of white space made one space.
//   - A revision line is a line of an entry starting (after white space)
//     with "SQLite:" or "Postgres:", followed by a revision in backquotes
//     or by None. Other lines of an entry, before or after them, are
//     free text.
//
// Every entry must have exactly one line for each dialect. Problems are
// reported together, each with its line number; the entries are returned
// with them, a missing or malformed revision read as "".
func ParseNotes(notes []byte) ([]NotesEntry, error) {
	lines, sections := scanNotes(notes)
	var entries []NotesEntry
	var errs []error
	for _, s := range sections {
		e := NotesEntry{Message: oneLine(headingText(lines[s.line])), Line: s.line + 1}
		var seenSQLite, seenPostgres bool
		for i := s.line + 1; i < s.end; i++ {
			label, value, ok := revisionLine(lines[i])
			if !ok {
				continue
			}
			rev, err := parseNotesRevision(value)
			if err != nil {
				errs = append(errs, fmt.Errorf("line %d: %s %w", i+1, label, err))
			}
			seen, dst := &seenSQLite, &e.SQLite
			if label == notesLabelPostgres {
				seen, dst = &seenPostgres, &e.Postgres
			}
			if *seen {
				errs = append(errs, fmt.Errorf("line %d: entry %q has a second %q line", i+1, e.Message, label))
				continue
			}
			*seen, *dst = true, rev
		}
		for _, c := range []struct {
			seen  bool
			label string
		}{{seenSQLite, notesLabelSQLite}, {seenPostgres, notesLabelPostgres}} {
			if !c.seen {
				errs = append(errs, fmt.Errorf("line %d: entry %q has no %q line", e.Line, e.Message, c.label))
			}
		}
		entries = append(entries, e)
	}
	if len(errs) > 0 {
		return entries, fmt.Errorf("migration notes: %w", errors.Join(errs...))
	}
	return entries, nil
}

// notesSection is one entry of a notes file: the index of its heading
// line, the index of the line after its last, and the byte offset of its
// heading.
type notesSection struct {
	line, end, offset int
}

// trimBlankLines drops the blank lines at the end of b. Its last line is
// kept byte for byte, with its line break (one is added if it has none):
// trimming it could make it read differently, as a heading even.
func trimBlankLines(b []byte) []byte {
	last := len(bytes.TrimRight(b, " \t\r\n"))
	if last == 0 {
		return nil
	}
	if end := bytes.IndexByte(b[last:], '\n'); end >= 0 {
		return b[:last+end+1]
	}
	return append(b[:len(b):len(b)], '\n')
}

// cutBOM splits a leading UTF-8 byte order mark from notes.
func cutBOM(notes []byte) (bom, rest []byte) {
	if bytes.HasPrefix(notes, []byte("\ufeff")) {
		return notes[:3], notes[3:]
	}
	return nil, notes
}

// scanNotes splits notes into lines (without line endings or a leading
// BOM) and finds the entry sections, as ParseNotes describes; offsets are
// counted after the BOM.
func scanNotes(notes []byte) (lines []string, sections []notesSection) {
	_, notes = cutBOM(notes)
	var offsets []int
	for off := 0; off < len(notes); {
		n := bytes.IndexByte(notes[off:], '\n')
		end := off + n
		if n < 0 {
			end = len(notes)
		}
		offsets = append(offsets, off)
		lines = append(lines, strings.TrimSuffix(string(notes[off:end]), "\r"))
		off = end + 1
	}
	for i, l := range lines {
		if isHeading(l) {
			sections = append(sections, notesSection{line: i, offset: offsets[i]})
		}
	}
	for i := range sections {
		sections[i].end = len(lines)
		if i+1 < len(sections) {
			sections[i].end = sections[i+1].line
		}
	}
	// The first heading is the title when it is the first non-blank line
	// and no revision line follows it.
	if len(sections) > 0 {
		first := sections[0]
		isTitle := true
		for _, l := range lines[:first.line] {
			isTitle = isTitle && strings.TrimSpace(l) == ""
		}
		for _, l := range lines[first.line+1 : first.end] {
			_, _, rev := revisionLine(l)
			isTitle = isTitle && !rev
		}
		if isTitle {
			sections = sections[1:]
		}
	}
	return lines, sections
}

func isHeading(line string) bool {
	return line == "#" || line == "##" || strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "## ")
}

func headingText(line string) string {
	return strings.TrimLeft(line, "#")
}

// revisionLine splits a revision line into its label and the text after
// it.
func revisionLine(line string) (label, value string, ok bool) {
	line = strings.TrimSpace(line)
	for _, label := range []string{notesLabelSQLite, notesLabelPostgres} {
		if v, ok := strings.CutPrefix(line, label); ok {
			return label, strings.TrimSpace(v), true
		}
	}
	return "", "", false
}

// parseNotesRevision reads "`rev`" or "None".
func parseNotesRevision(v string) (string, error) {
	if v == notesNone {
		return "", nil
	}
	inner, ok := strings.CutPrefix(v, "`")
	if ok {
		inner, ok = strings.CutSuffix(inner, "`")
	}
	if !ok || inner == "" || checkNotesRevision("", inner) != nil {
		return "", fmt.Errorf("%q: want a revision in backquotes or None", v)
	}
	return inner, nil
}
