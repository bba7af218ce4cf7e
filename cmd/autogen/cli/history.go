package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// pairRow is one migration pair: a MIGRATION-NOTES.md entry with its
// revisions, or a revision no entry names.
type pairRow struct {
	Message string `json:"message"`
	Created string `json:"created,omitempty"`
	// Revisions maps each dialect to its revision; a dialect without a
	// migration in the pair is absent (None in the notes).
	Revisions map[schema.Dialect]string `json:"revisions"`
	// DownRevisions maps each dialect to the revisions its migration
	// follows.
	DownRevisions map[schema.Dialect][]string `json:"down_revisions,omitempty"`
	// Heads and Current list the dialects whose revision in this pair is
	// a head of its chain, or the database's revision (current).
	Heads   []schema.Dialect `json:"heads,omitempty"`
	Current []schema.Dialect `json:"current,omitempty"`
	// InNotes is false for a revision that no notes entry names.
	InNotes bool `json:"in_notes"`
}

// pairRows lists the pairs newest first: the notes entries in file order,
// then any revision no entry names (newest first).
func (s *session) pairRows(ds []schema.Dialect) ([]pairRow, map[schema.Dialect]*migrations.Graph, error) {
	graphs := map[schema.Dialect]*migrations.Graph{}
	for _, d := range ds {
		g, err := s.graph(d)
		if err != nil {
			return nil, nil, err
		}
		graphs[d] = g
	}
	fill := func(row *pairRow) {
		for d, rev := range row.Revisions {
			g := graphs[d]
			m := g.Migration(rev)
			if m == nil {
				continue
			}
			if row.Created == "" {
				row.Created = m.Created
			}
			row.DownRevisions[d] = m.DownRevisions
			if contains(g.Heads(), rev) {
				row.Heads = append(row.Heads, d)
			}
		}
	}
	var rows []pairRow
	named := map[schema.Dialect]map[string]bool{}
	for _, d := range ds {
		named[d] = map[string]bool{}
	}
	for _, e := range s.notes() {
		row := pairRow{Message: e.Message, Revisions: map[schema.Dialect]string{}, DownRevisions: map[schema.Dialect][]string{}, InNotes: true}
		for _, d := range ds {
			if rev := e.Revision(d); rev != "" {
				row.Revisions[d] = rev
				named[d][rev] = true
			}
		}
		if len(row.Revisions) == 0 {
			continue
		}
		fill(&row)
		rows = append(rows, row)
	}
	for _, d := range ds {
		ms := graphs[d].Migrations()
		for i := len(ms) - 1; i >= 0; i-- {
			if !named[d][ms[i].Revision] {
				row := pairRow{Message: ms[i].Message, Revisions: map[schema.Dialect]string{d: ms[i].Revision}, DownRevisions: map[schema.Dialect][]string{}}
				fill(&row)
				rows = append(rows, row)
			}
		}
	}
	return rows, graphs, nil
}

// printRows prints pairs as a table: one line per pair, both revisions
// side by side.
func (a *app) printRows(ds []schema.Dialect, rows []pairRow, verbose bool) {
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	head := []string{"CREATED"}
	for _, d := range ds {
		head = append(head, strings.ToUpper(d.Title()))
	}
	head = append(head, "MESSAGE")
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range rows {
		cells := []string{r.Created}
		for _, d := range ds {
			rev, ok := r.Revisions[d]
			if !ok {
				cells = append(cells, "None")
				continue
			}
			var marks []string
			if contains(dialectStrings(r.Current), string(d)) {
				marks = append(marks, "current")
			}
			if contains(dialectStrings(r.Heads), string(d)) {
				marks = append(marks, "head")
			}
			if len(marks) > 0 {
				rev += " (" + strings.Join(marks, ", ") + ")"
			}
			if verbose {
				down := "base"
				if ds := r.DownRevisions[d]; len(ds) > 0 {
					down = strings.Join(ds, "+")
				}
				rev = down + " → " + rev
			}
			cells = append(cells, rev)
		}
		msg := oneLine(r.Message)
		if !r.InNotes {
			msg += "  [not in MIGRATION-NOTES.md]"
		}
		cells = append(cells, msg)
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
}

func dialectStrings(ds []schema.Dialect) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = string(d)
	}
	return out
}

func (a *app) historyCommand() *cobra.Command {
	var dialect string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "history [--dialect postgresql|sqlite] [--json]",
		Short: "List the migration pairs, newest first, both revisions on one line",
		Long: `History lists one line per MIGRATION-NOTES.md entry, newest first: when it
was created, its PostgreSQL and SQLite revisions side by side (None when the
pair has no migration on a dialect; heads marked), and its message.
Revisions that no entry names are listed last. -v shows the revisions each
migration follows.`,
		Example: `  autogen history
  autogen history -v --dialect sqlite
  autogen history --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.listPairs(cmd, dialect, asJSON, func(r pairRow) bool { return true })
		},
	}
	cmd.Flags().StringVar(&dialect, "dialect", "", "show only this `DIALECT`'s chain")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the pairs as JSON")
	return cmd
}

func (a *app) headsCommand() *cobra.Command {
	var dialect string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "heads [--dialect postgresql|sqlite] [--json]",
		Short: "Show the head revision of each chain, with its pair",
		Long: `Heads lists the pairs that hold a head of a chain. A healthy project has one
head per chain, usually in the same pair; two heads on a chain mean that two
branches each added a migration: join them with 'autogen merge'.`,
		Example: `  autogen heads
  autogen heads --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.listPairs(cmd, dialect, asJSON, func(r pairRow) bool { return len(r.Heads) > 0 })
		},
	}
	cmd.Flags().StringVar(&dialect, "dialect", "", "show only this `DIALECT`'s heads")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the pairs as JSON")
	return cmd
}

// listPairs prints the pairs that keep holds.
func (a *app) listPairs(cmd *cobra.Command, dialect string, asJSON bool, keep func(pairRow) bool) error {
	if _, err := parseDialect(dialect); err != nil {
		return err
	}
	s, err := a.chainSession(cmd.Context())
	if err != nil {
		return err
	}
	ds, err := s.dialects(dialect)
	if err != nil {
		return err
	}
	rows, _, err := s.pairRows(ds)
	if err != nil {
		return err
	}
	kept := []pairRow{}
	for _, r := range rows {
		if keep(r) {
			kept = append(kept, r)
		}
	}
	if asJSON {
		return a.printJSON(kept)
	}
	if len(kept) == 0 {
		fmt.Fprintln(a.stdout, "No revisions yet. Write the first pair with 'autogen revision -m MESSAGE'.")
		return nil
	}
	a.printRows(ds, kept, a.verbose)
	return nil
}
