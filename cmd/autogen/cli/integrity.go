package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

// The checks of 'autogen check', as named in its report and JSON.
const (
	checkSum      = "sum"      // the checksum file matches the chain files
	checkChain    = "chain"    // each chain is a valid graph with one head
	checkNotes    = "notes"    // MIGRATION-NOTES.md and the chains agree
	checkModel    = "model"    // the model matches each chain's head
	checkDatabase = "database" // a live database matches the model and is at head
)

// problem is one failed check, with what to do about it.
type problem struct {
	Check   string         `json:"check"`
	Dialect schema.Dialect `json:"dialect,omitempty"`
	// File and Line locate the problem when it has a place (relative to
	// the working directory), for people and for CI annotations.
	File    string   `json:"file,omitempty"`
	Line    int      `json:"line,omitempty"`
	Message string   `json:"message"`
	Details []string `json:"details,omitempty"`
	Fix     string   `json:"fix"`
}

// revFile locates the file that declares a revision.
type revFile struct {
	Path string // absolute
	Line int    // of the Revision field
}

var revisionField = regexp.MustCompile(`(?m)^\s*Revision:\s*"([^"]+)"`)

// revisionFiles maps each dialect's revisions to the files declaring them,
// found by reading the versions folders (a file declares its revision in
// its Revision field).
func (p *Project) revisionFiles() map[schema.Dialect]map[string]revFile {
	out := map[schema.Dialect]map[string]revFile{}
	for _, d := range p.Config.Dialects {
		out[d] = map[string]revFile{}
		dir := p.VersionsDir(d)
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			path := filepath.Join(dir, e.Name())
			data, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			for _, m := range revisionField.FindAllSubmatchIndex(data, -1) {
				rev := string(data[m[2]:m[3]])
				line := 1 + strings.Count(string(data[:m[0]]), "\n")
				if _, dup := out[d][rev]; !dup {
					out[d][rev] = revFile{Path: path, Line: line}
				}
			}
		}
	}
	return out
}

// integrity holds what the structural checks learned, for the checks that
// follow them.
type integrity struct {
	graphs map[schema.Dialect]*migrations.Graph // nil for a broken chain
	files  map[schema.Dialect]map[string]revFile
	notes  []render.NotesEntry
}

// chainProblems validates each chain: one head, no missing parent, no
// duplicate ID, no cycle.
func (s *session) chainProblems(ds []schema.Dialect, in *integrity) []problem {
	var out []problem
	for _, d := range ds {
		c := s.a.env.Chain(d)
		if c == nil {
			out = append(out, problem{Check: checkChain, Dialect: d, File: s.a.relPath(s.p.Path(s.p.Config.Env)),
				Message: fmt.Sprintf("the env program has no %s chain", d.Title()),
				Fix:     fmt.Sprintf("set %s in the env program's cli.Env, or remove %q from dialects in %s", chainField(d), d, ConfigFile)})
			continue
		}
		g, err := c.Graph()
		if err != nil {
			for _, e := range splitErrors(err) {
				pr := problem{Check: checkChain, Dialect: d, Message: fmt.Sprintf("the %s chain is broken: %s", d.Title(), e)}
				pr.File, pr.Line = s.fileOf(in, d, revisionsIn(e.Error(), in.files[d]))
				switch {
				case errors.Is(e, migrations.ErrDuplicateRevision):
					pr.Fix = "give one of the two files a new revision ID (and update MIGRATION-NOTES.md and the migrations that follow it), then run 'autogen hash'"
				case errors.Is(e, migrations.ErrMissingParent):
					pr.Fix = "restore the missing migration, or point DownRevisions at the right parent, then run 'autogen hash'"
				default:
					pr.Fix = "correct the DownRevisions of the migrations named, then run 'autogen hash'"
				}
				out = append(out, pr)
			}
			continue
		}
		in.graphs[d] = g
		if heads := g.Heads(); len(heads) > 1 {
			pr := problem{Check: checkChain, Dialect: d,
				Message: fmt.Sprintf("the %s chain has %d heads: %s (two branches each added a migration)", d.Title(), len(heads), strings.Join(heads, ", ")),
				Fix:     "run 'autogen merge -m \"merge heads\"' to join them, then 'autogen check' again"}
			for _, h := range heads {
				if f, ok := in.files[d][h]; ok {
					pr.Details = append(pr.Details, fmt.Sprintf("%s %s", h, s.a.relPath(f.Path)))
				}
			}
			pr.File, pr.Line = s.fileOf(in, d, heads)
			out = append(out, pr)
		}
	}
	return out
}

func chainField(d schema.Dialect) string {
	if d == schema.Postgres {
		return "Postgres"
	}
	return "SQLite"
}

// splitErrors returns the errors joined in err (looking through wrapping),
// or err itself.
func splitErrors(err error) []error {
	for e := err; e != nil; {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			parts := j.Unwrap()
			if slices.Contains(parts, migrations.ErrInvalidChain) {
				// One chain error, matching its sentinel errors.
				return []error{e}
			}
			return parts
		}
		u, ok := e.(interface{ Unwrap() error })
		if !ok {
			break
		}
		e = u.Unwrap()
	}
	return []error{err}
}

// revisionsIn returns the known revisions that a message mentions.
func revisionsIn(msg string, files map[string]revFile) []string {
	var out []string
	for rev := range files {
		if strings.Contains(msg, rev) {
			out = append(out, rev)
		}
	}
	slices.Sort(out)
	return out
}

// fileOf returns the file and line of the first of revs that has one.
func (s *session) fileOf(in *integrity, d schema.Dialect, revs []string) (string, int) {
	for _, r := range revs {
		if f, ok := in.files[d][r]; ok {
			return s.a.relPath(f.Path), f.Line
		}
	}
	return "", 0
}

// notesProblems checks MIGRATION-NOTES.md against the chains: every entry
// names existing revisions (or None), every revision has an entry, and
// the two migrations of an entry were created together.
func (s *session) notesProblems(ds []schema.Dialect, in *integrity) []problem {
	notesPath := s.p.Path(s.p.Config.Notes)
	notesRel := s.a.relPath(notesPath)
	data, err := os.ReadFile(notesPath)
	if err != nil {
		return []problem{{Check: checkNotes, File: notesRel, Message: fmt.Sprintf("cannot read %s: %v", notesRel, err),
			Fix: "restore it from version control; 'autogen init' writes a fresh one in a new project"}}
	}
	entries, err := render.ParseNotes(data)
	in.notes = entries
	var out []problem
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "<<<<<<<") || strings.HasPrefix(line, ">>>>>>>") || strings.TrimRight(line, "\r") == "=======" {
			out = append(out, problem{Check: checkNotes, File: notesRel, Line: i + 1,
				Message: "merge-conflict markers: two branches both added an entry",
				Fix:     "keep both entries (each with its revisions), remove the markers, then 'autogen merge' if a chain has two heads"})
			break
		}
	}
	if err != nil {
		for _, e := range splitErrors(err) {
			line := lineOf(e.Error())
			out = append(out, problem{Check: checkNotes, File: notesRel, Line: line,
				Message: strings.TrimPrefix(e.Error(), fmt.Sprintf("line %d: ", line)),
				Fix:     "write each entry as '# message', then 'SQLite: `rev`' (or None) and 'Postgres: `rev`' (or None)"})
		}
	}
	named := map[schema.Dialect]map[string]int{} // revision -> line of its entry
	for _, d := range ds {
		named[d] = map[string]int{}
	}
	for _, e := range entries {
		if e.SQLite == "" && e.Postgres == "" {
			out = append(out, problem{Check: checkNotes, File: notesRel, Line: e.Line,
				Message: fmt.Sprintf("entry %q names no revision (both None)", e.Message),
				Fix:     "remove the entry, or name the revisions it describes"})
			continue
		}
		missing, names := 0, 0
		first := len(out)
		for _, d := range ds {
			rev := e.Revision(d)
			if rev == "" {
				continue
			}
			names++
			g := in.graphs[d]
			if line, dup := named[d][rev]; dup {
				out = append(out, problem{Check: checkNotes, Dialect: d, File: notesRel, Line: e.Line,
					Message: fmt.Sprintf("%s revision %s is named by two entries (lines %d and %d)", d.Title(), rev, line, e.Line),
					Fix:     "keep one entry per migration pair"})
				continue
			}
			named[d][rev] = e.Line
			_, inFiles := in.files[d][rev]
			if (g != nil && g.Migration(rev) == nil) || (g == nil && !inFiles) {
				missing++
				out = append(out, problem{Check: checkNotes, Dialect: d, File: notesRel, Line: e.Line,
					Message: fmt.Sprintf("entry %q names %s revision %s, which is not in the %s chain", e.Message, notesLabel(d), rev, d.Title()),
					Fix:     fmt.Sprintf("correct the revision (see 'autogen history --dialect %s'), or write None if the pair has no %s migration", d, d.Title())})
			}
		}
		if missing > 0 && missing == names {
			// Nothing the entry names exists: most likely a pair deleted
			// before it was applied anywhere.
			for i := first; i < len(out); i++ {
				out[i].Fix = fmt.Sprintf("if the pair was deleted (before it was applied anywhere), remove this entry from %s; otherwise correct its revisions (see 'autogen history')", notesRel)
			}
		}
		out = append(out, s.pairProblems(e, in, notesRel)...)
	}
	for _, d := range ds {
		g := in.graphs[d]
		if g == nil {
			continue
		}
		for _, m := range g.Migrations() {
			if _, ok := named[d][m.Revision]; ok {
				continue
			}
			pr := problem{Check: checkNotes, Dialect: d,
				Message: fmt.Sprintf("%s revision %s (%q) has no entry in %s", d.Title(), m.Revision, m.Message, notesRel),
				Fix:     fmt.Sprintf("add an entry on top of %s: '# %s', '%s `%s`' and the other dialect's revision or None", notesRel, m.Message, notesLabel(d)+":", m.Revision)}
			pr.File, pr.Line = s.fileOf(in, d, []string{m.Revision})
			out = append(out, pr)
		}
	}
	return out
}

// pairProblems checks that the two migrations of an entry share their
// creation time and their file names' timestamp.
func (s *session) pairProblems(e render.NotesEntry, in *integrity, notesRel string) []problem {
	pg, lite := in.graphs[schema.Postgres], in.graphs[schema.SQLite]
	if e.Postgres == "" || e.SQLite == "" || pg == nil || lite == nil {
		return nil
	}
	mp, ml := pg.Migration(e.Postgres), lite.Migration(e.SQLite)
	if mp == nil || ml == nil {
		return nil
	}
	fp, fl := in.files[schema.Postgres][e.Postgres], in.files[schema.SQLite][e.SQLite]
	stampP, stampL := fileStamp(fp.Path), fileStamp(fl.Path)
	if mp.Created == ml.Created && stampP == stampL {
		return nil
	}
	pr := problem{Check: checkNotes, File: notesRel, Line: e.Line,
		Message: fmt.Sprintf("entry %q pairs migrations created at different times: PostgreSQL %s at %s, SQLite %s at %s",
			e.Message, e.Postgres, orUnknown(mp.Created), e.SQLite, orUnknown(ml.Created)),
		Fix: "a pair is written by one 'autogen revision'; check that the entry names the right revisions"}
	if mp.Created == ml.Created {
		pr.Message = fmt.Sprintf("entry %q pairs files whose names carry different timestamps: %s and %s",
			e.Message, s.a.relPath(fp.Path), s.a.relPath(fl.Path))
		pr.Fix = "rename the files so that both start with the same YYYY_MM_DD_HHMMSS timestamp, then run 'autogen hash'"
	}
	return []problem{pr}
}

func orUnknown(s string) string {
	if s == "" {
		return "an unknown time"
	}
	return s
}

// fileStamp is the YYYY_MM_DD_HHMMSS prefix of a migration file's name,
// "" when it has none.
func fileStamp(path string) string {
	base := filepath.Base(path)
	if len(base) >= 17 && base[4] == '_' && base[7] == '_' && base[10] == '_' {
		return base[:17]
	}
	return ""
}

func notesLabel(d schema.Dialect) string {
	if d == schema.Postgres {
		return "Postgres"
	}
	return "SQLite"
}

var lineNumber = regexp.MustCompile(`line (\d+)`)

func lineOf(msg string) int {
	if m := lineNumber.FindStringSubmatch(msg); m != nil {
		n := 0
		fmt.Sscan(m[1], &n)
		return n
	}
	return 0
}
