package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) historyCommand() *cobra.Command {
	var dialect string
	cmd := &cobra.Command{
		Use:   "history [--dialect postgresql|sqlite]",
		Short: "List each chain's revisions, newest first",
		Example: `  autogen history
  autogen history --dialect sqlite`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.project()
			if err != nil {
				return err
			}
			if err := a.needEnv(cmd.Context(), p); err != nil {
				return err
			}
			s := &session{a: a, p: p}
			ds, err := s.dialects(dialect)
			if err != nil {
				return err
			}
			for i, d := range ds {
				g, err := s.graph(d)
				if err != nil {
					return err
				}
				if i > 0 {
					fmt.Fprintln(a.stdout)
				}
				fmt.Fprintf(a.stdout, "%s:\n", d.Title())
				order := g.Migrations()
				if len(order) == 0 {
					fmt.Fprintln(a.stdout, "  (no revisions)")
				}
				heads := g.Heads()
				for j := len(order) - 1; j >= 0; j-- {
					m := order[j]
					down := "<base>"
					if len(m.DownRevisions) > 0 {
						down = strings.Join(m.DownRevisions, ", ")
					}
					mark := ""
					for _, h := range heads {
						if h == m.Revision {
							mark = " (head)"
						}
					}
					fmt.Fprintf(a.stdout, "  %s -> %s%s, %s\n", down, m.Revision, mark, m.Message)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dialect, "dialect", "", "show only this dialect's chain")
	return cmd
}
