package cli

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/internal/atomicfile"
	"github.com/autogen-dev/autogen/schema"
)

// SumFile is the name of the checksum file kept beside the chains, in the
// versions folder. Like Atlas's atlas.sum it records a hash of every file
// of every chain, and a hash of the whole list on its first line, so that
//
//   - editing or removing a migration that may have been applied is caught
//     by 'autogen check', which names the file;
//   - two branches that each add a migration both change the first line,
//     so git reports a conflict when they are merged, even where the
//     migration files themselves do not clash.
//
// 'autogen revision' and 'autogen merge' keep it up to date; 'autogen hash'
// rewrites it after a deliberate change.
const SumFile = "autogen.sum"

// sumPrefix marks a hash: "h1:" and the standard base64 of a SHA-256.
const sumPrefix = "h1:"

// sumEntry is one line of the checksum file: a file, relative to the
// versions folder with forward slashes, and its hash.
type sumEntry struct {
	Path string
	Hash string
}

// sumData is a parsed checksum file.
type sumData struct {
	Total   string
	Entries []sumEntry
}

// SumPath is the project's checksum file.
func (p *Project) SumPath() string { return filepath.Join(p.Path(p.Config.Versions), SumFile) }

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return sumPrefix + base64.StdEncoding.EncodeToString(sum[:])
}

// bytes renders the checksum file.
func (s *sumData) bytes() []byte {
	var b bytes.Buffer
	b.WriteString(s.Total + "\n")
	for _, e := range s.Entries {
		fmt.Fprintf(&b, "%s %s\n", e.Path, e.Hash)
	}
	return b.Bytes()
}

// totalOf is the hash of the entry lines.
func totalOf(entries []sumEntry) string {
	var b bytes.Buffer
	for _, e := range entries {
		fmt.Fprintf(&b, "%s %s\n", e.Path, e.Hash)
	}
	return hashBytes(b.Bytes())
}

// chainFiles lists the files the checksum covers: the .go files of each
// dialect's versions folder (tests excluded), as paths relative to the
// versions folder, sorted. Every dialect's folder counts, kept or not: a
// project that leaves a dialect out of dialects in autogen.toml keeps its
// checksums as they were.
func (p *Project) chainFiles() ([]string, error) {
	root := p.Path(p.Config.Versions)
	var out []string
	for _, d := range schema.Dialects {
		entries, err := os.ReadDir(filepath.Join(root, string(d)))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, fail("read the %s chain's folder: %v", d.Title(), err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.Type().IsRegular() && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
				out = append(out, string(d)+"/"+name)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// computeSum hashes the chain files as they are on disk, with pending
// (absolute path -> content) standing in for files about to be written.
func (p *Project) computeSum(pending map[string][]byte) (*sumData, error) {
	root := p.Path(p.Config.Versions)
	files, err := p.chainFiles()
	if err != nil {
		return nil, err
	}
	for path := range pending {
		rel, err := filepath.Rel(root, path)
		if err == nil && !strings.HasPrefix(rel, "..") && strings.HasSuffix(rel, ".go") && !slices.Contains(files, filepath.ToSlash(rel)) {
			files = append(files, filepath.ToSlash(rel))
		}
	}
	slices.Sort(files)
	s := &sumData{}
	for _, rel := range files {
		path := filepath.Join(root, filepath.FromSlash(rel))
		data, ok := pending[path]
		if !ok {
			if data, err = os.ReadFile(path); err != nil {
				return nil, fail("read %s: %v", path, err)
			}
		}
		s.Entries = append(s.Entries, sumEntry{Path: rel, Hash: hashBytes(data)})
	}
	s.Total = totalOf(s.Entries)
	return s, nil
}

// readSum parses the checksum file; (nil, nil) when it does not exist.
// A file with merge-conflict markers or malformed lines is an error that
// says how to repair it.
func (p *Project) readSum() (*sumData, error) {
	path := p.SumPath()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	s := &sumData{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.HasPrefix(line, "<<<<<<<") || strings.HasPrefix(line, ">>>>>>>") || line == "=======" {
			return nil, fmt.Errorf("%s has merge-conflict markers (line %d): two branches both added migrations", SumFile, n)
		}
		if n == 1 {
			if !strings.HasPrefix(line, sumPrefix) {
				return nil, fmt.Errorf("%s: line 1 should be the total hash (h1:…)", SumFile)
			}
			s.Total = line
			continue
		}
		path, hash, ok := strings.Cut(line, " ")
		if !ok || !strings.HasPrefix(hash, sumPrefix) {
			return nil, fmt.Errorf("%s: line %d is not \"FILE h1:HASH\"", SumFile, n)
		}
		s.Entries = append(s.Entries, sumEntry{Path: path, Hash: hash})
	}
	if n == 0 {
		return nil, fmt.Errorf("%s is empty", SumFile)
	}
	return s, nil
}

// writeSum writes the checksum of the files on disk.
func (p *Project) writeSum() (*sumData, error) {
	s, err := p.computeSum(nil)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(p.SumPath(), s.bytes(), 0o644); err != nil {
		return nil, fail("write %s: %v", p.SumPath(), err)
	}
	return s, nil
}

// sumProblems compares the checksum file with the files on disk.
func (a *app) sumProblems(p *Project) ([]problem, error) {
	sumRel := a.relPath(p.SumPath())
	have, err := p.readSum()
	if err != nil {
		return []problem{{Check: checkSum, File: sumRel, Message: err.Error(),
			Fix: "keep every migration file from both sides, run 'autogen hash', then 'autogen merge' if a chain now has two heads"}}, nil
	}
	want, err := p.computeSum(nil)
	if err != nil {
		return nil, err
	}
	if have == nil {
		return []problem{{Check: checkSum, File: sumRel, Message: sumRel + " is missing, so edits to applied migrations cannot be detected",
			Fix: "run 'autogen hash' and commit " + sumRel}}, nil
	}
	var out []problem
	recorded := map[string]string{}
	for _, e := range have.Entries {
		recorded[e.Path] = e.Hash
	}
	versions := p.Path(p.Config.Versions)
	file := func(rel string) string { return a.relPath(filepath.Join(versions, filepath.FromSlash(rel))) }
	onDisk := map[string]bool{}
	for _, e := range want.Entries {
		onDisk[e.Path] = true
		old, ok := recorded[e.Path]
		switch {
		case !ok:
			out = append(out, problem{Check: checkSum, File: file(e.Path),
				Message: fmt.Sprintf("%s is not recorded in %s", file(e.Path), sumRel),
				Fix:     "write migrations with 'autogen revision' or 'autogen merge'; after adding or editing one by hand, run 'autogen hash'"})
		case old != e.Hash:
			out = append(out, problem{Check: checkSum, File: file(e.Path), Line: 1,
				Message: fmt.Sprintf("%s was edited after it was recorded in %s; a migration that may be applied somewhere must not change", file(e.Path), sumRel),
				Fix:     "undo the edit and write a new revision for the change; if this migration was never applied anywhere, run 'autogen hash'"})
		}
	}
	for _, e := range have.Entries {
		if !onDisk[e.Path] {
			out = append(out, problem{Check: checkSum, File: file(e.Path),
				Message: fmt.Sprintf("%s was removed, but %s records it; databases that applied it cannot be downgraded past it", file(e.Path), sumRel),
				Fix:     "restore the file; if it was never applied anywhere, run 'autogen hash'"})
		}
	}
	if len(out) == 0 && have.Total != totalOf(have.Entries) {
		out = append(out, problem{Check: checkSum, File: sumRel, Line: 1,
			Message: sumRel + "'s first line does not match its entries (edited by hand, or a merge conflict resolved by hand)",
			Fix:     "run 'autogen hash'"})
	}
	return out, nil
}

func (a *app) hashCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "hash",
		Short: "Rewrite the checksum file of the chains (" + SumFile + ")",
		Long: `Hash records a checksum of every migration file in versions/` + SumFile + `,
and a checksum of the whole list on its first line.

'autogen check' compares the files with it, so that an edited or removed
migration fails CI, and two branches that both add a migration conflict in
git on its first line. 'autogen revision' and 'autogen merge' update it;
run 'autogen hash' yourself after a deliberate change: a migration edited
before it was applied anywhere, a hand-written migration, or a merge
conflict in ` + SumFile + ` (keep both sides' files, then hash).`,
		Example: `  autogen hash
  autogen hash && git add migrations/versions/` + SumFile,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.project()
			if err != nil {
				return err
			}
			if err := a.lockProject(cmd.Context(), p); err != nil {
				return err
			}
			s, err := p.writeSum()
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Wrote %s (%d file%s)\n", a.relPath(p.SumPath()), len(s.Entries), plural(len(s.Entries)))
			return nil
		},
	}
}
