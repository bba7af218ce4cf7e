package cli

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/autogen-dev/autogen/render"
	"github.com/autogen-dev/autogen/schema"
)

func (a *app) mergeCommand() *cobra.Command {
	var message string
	cmd := &cobra.Command{
		Use:   "merge -m MESSAGE [REV REV…]",
		Short: "Join the heads of forked chains with a merge revision pair",
		Long: `When two branches each add a migration pair, each chain ends with two heads
after the branches are merged, and 'autogen check' fails. Merge writes a
merge revision for each forked chain: a migration with no operations whose
DownRevisions are the heads, so that the chain has one head again. It adds
a MIGRATION-NOTES.md entry for the pair and updates versions/` + SumFile + `.

With no REV (or with "heads") it merges every head of each chain. Given
revisions (of either chain, or unique prefixes), it merges those and, on
the other chain, their partners from MIGRATION-NOTES.md.

A merge joins history only: if the two branches changed the model in ways
that need more, 'autogen check' says so afterwards; write that with
'autogen revision'.`,
		Example: `  autogen merge -m "merge heads"
  autogen merge -m "merge labels and ratings" 68a44144428d 1f0e2d3c4b5a`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(message) == "" {
				return fail("merge needs a message: -m \"merge heads\"")
			}
			a.exclusive, a.interrupted = true, "; nothing was written"
			s, err := a.chainSession(cmd.Context())
			if err != nil {
				return err
			}
			if err := s.requireSum(); err != nil {
				return err
			}
			parents, err := s.mergeParents(args)
			if err != nil {
				return err
			}
			created := time.Now().UTC().Truncate(time.Second)
			var pair []planned
			for _, d := range schema.Dialects {
				if revs := parents[d]; len(revs) >= 2 {
					pair = append(pair, planned{dialect: d, file: render.File{Dialect: d, Message: strings.TrimSpace(message), Created: created, DownRevisions: revs}})
					fmt.Fprintf(a.stdout, "  %s: merging %s\n", d.Title(), strings.Join(revs, " and "))
				}
			}
			if len(pair) == 0 {
				return fail("nothing to merge: each chain has one head (see 'autogen heads')")
			}
			if err := cmd.Context().Err(); err != nil {
				return err // interrupted: write nothing
			}
			return s.writePair(pair, strings.TrimSpace(message), created)
		},
	}
	cmd.Flags().StringVarP(&message, "message", "m", "", "the merge's `MESSAGE` (required)")
	return cmd
}

// mergeParents returns, per dialect, the revisions a merge joins.
func (s *session) mergeParents(args []string) (map[schema.Dialect][]string, error) {
	out := map[schema.Dialect][]string{}
	if len(args) == 0 || (len(args) == 1 && args[0] == "heads") {
		for _, d := range s.p.Config.Dialects {
			g, err := s.graph(d)
			if err != nil {
				return nil, err
			}
			out[d] = g.Heads()
		}
		return out, nil
	}
	if len(args) < 2 {
		return nil, fail("merge needs two revisions or more (or none, to merge every head)")
	}
	entries := s.notes()
	add := func(d schema.Dialect, rev string) {
		if rev != "" && !slices.Contains(out[d], rev) {
			out[d] = append(out[d], rev)
		}
	}
	for _, arg := range args {
		d, m, err := s.findRevision(arg, entries)
		if err != nil {
			return nil, err
		}
		add(d, m.Revision)
		if e, ok := entryOf(entries, d, m.Revision); ok {
			for _, other := range s.p.Config.Dialects {
				add(other, e.Revision(other))
			}
		}
	}
	return out, nil
}
