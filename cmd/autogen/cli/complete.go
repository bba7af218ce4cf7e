package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// addCompletions teaches shell completion the values of flags and the
// revisions that commands take. Revisions are read from the migration
// files (their Revision fields), so completing needs no build.
func (a *app) addCompletions(root *cobra.Command) {
	fixed := func(values ...string) cobra.CompletionFunc {
		return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return values, cobra.ShellCompDirectiveNoFileComp
		}
	}
	targets := func(extra ...string) cobra.CompletionFunc {
		return func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 && cmd.Name() != "merge" {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return append(extra, a.knownRevisions()...), cobra.ShellCompDirectiveNoFileComp
		}
	}
	for _, cmd := range root.Commands() {
		if f := cmd.Flags().Lookup("dialect"); f != nil {
			cmd.RegisterFlagCompletionFunc("dialect", fixed("postgresql", "sqlite"))
		}
		switch cmd.Name() {
		case "upgrade", "downgrade", "stamp":
			cmd.ValidArgsFunction = targets("head", "base", "heads")
		case "show":
			cmd.ValidArgsFunction = targets("head")
		case "merge":
			cmd.ValidArgsFunction = targets("heads")
		case "diff":
			sources := func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
				return append([]string{"model", "head", "head:postgresql", "head:sqlite", "base", "postgres://", "sqlite://"}, a.knownRevisions()...), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
			}
			cmd.RegisterFlagCompletionFunc("from", sources)
			cmd.RegisterFlagCompletionFunc("to", sources)
			cmd.RegisterFlagCompletionFunc("format", fixed("ops", "sql", "json"))
		case "inspect":
			cmd.RegisterFlagCompletionFunc("format", fixed("json", "go", "sql"))
		}
	}
}

// knownRevisions lists the revisions of the project's chains, newest file
// first, or nothing outside a project.
func (a *app) knownRevisions() []string {
	wd, err := os.Getwd()
	if err != nil {
		return nil
	}
	if a.dir != "" {
		wd = a.dir
	}
	p, err := findProject(wd)
	if err != nil {
		return nil
	}
	var out []string
	for _, files := range p.revisionFiles() {
		for rev, f := range files {
			out = append(out, rev+"\t"+strings.TrimSuffix(filepath.Base(f.Path), ".go"))
		}
	}
	slices.SortFunc(out, func(x, y string) int {
		return strings.Compare(y[strings.IndexByte(y, '\t'):], x[strings.IndexByte(x, '\t'):])
	})
	return out
}
