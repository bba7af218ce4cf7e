package cli

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func (a *app) completionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "Print a shell completion script",
		Long: `Completion prints a script that makes your shell complete autogen's
commands and flags. Load it once in the current shell, or install it where
your shell looks for completions:

  bash   source <(autogen completion bash)
         autogen completion bash > /etc/bash_completion.d/autogen
  zsh    autogen completion zsh > "${fpath[1]}/_autogen"
  fish   autogen completion fish > ~/.config/fish/completions/autogen.fish
  powershell  autogen completion powershell | Out-String | Invoke-Expression

Besides commands and flags it completes dialects, formats, and the
revisions of the project's chains where a command takes one.`,
		Example: `  source <(autogen completion bash)
  autogen completion zsh > "${fpath[1]}/_autogen"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fail("completion needs the name of your shell: bash, zsh, fish or powershell")
			}
			return nil
		},
		ValidArgs: []string{"bash", "zsh", "fish", "powershell"},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(a.stdout, true)
			case "zsh":
				return root.GenZshCompletion(a.stdout)
			case "fish":
				return root.GenFishCompletion(a.stdout, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(a.stdout)
			}
			return fail("completion %q: use bash, zsh, fish or powershell", args[0])
		},
	}
}

// ReferenceHeader opens the generated CLI reference.
const ReferenceHeader = `# autogen command reference

<!-- Generated from the commands' own help by cli.WriteReference; do not
edit. After changing a command, run:
go test ./cmd/autogen/cli -run TestReference -update -->

`

// WriteReference writes the command reference in Markdown, generated from
// the commands' own help texts, flags and examples: the text of
// docs/cli.md.
func WriteReference(w io.Writer) error {
	a := &app{stdout: io.Discard, stderr: io.Discard}
	root := a.rootCommand()
	var b bytes.Buffer
	b.WriteString(ReferenceHeader)
	b.WriteString(root.Long + "\n\n")
	b.WriteString("Flags that every command takes:\n\n")
	writeFlags(&b, root.PersistentFlags())
	b.WriteString("\nCommands:\n\n")
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			fmt.Fprintf(&b, "- [`autogen %s`](#autogen-%s): %s\n", c.Name(), c.Name(), c.Short)
		}
	}
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		fmt.Fprintf(&b, "\n## autogen %s\n\n%s.\n\n", c.Name(), c.Short)
		fmt.Fprintf(&b, "```\nautogen %s\n```\n\n", strings.TrimPrefix(c.UseLine(), "autogen "))
		if c.Long != "" {
			b.WriteString(indentBlocks(c.Long) + "\n\n")
		}
		if c.Example != "" {
			fmt.Fprintf(&b, "Examples:\n\n```sh\n%s\n```\n\n", dedent(c.Example))
		}
		if c.HasLocalFlags() {
			b.WriteString("Flags:\n\n")
			writeFlags(&b, c.LocalFlags())
		}
	}
	_, err := w.Write(bytes.TrimRight(b.Bytes(), "\n"))
	if err == nil {
		_, err = io.WriteString(w, "\n")
	}
	return err
}

// writeFlags writes a flag set as a Markdown table.
func writeFlags(b *bytes.Buffer, fs *pflag.FlagSet) {
	b.WriteString("| flag | default | meaning |\n|---|---|---|\n")
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" {
			return
		}
		name := "`--" + f.Name
		if f.Shorthand != "" {
			name = "`-" + f.Shorthand + "`, " + name
		}
		arg, usage := pflag.UnquoteUsage(f)
		if arg != "" {
			name += " " + arg
		}
		name += "`"
		def := f.DefValue
		if def == "" || def == "[]" || def == "false" {
			def = ""
		} else {
			def = "`" + def + "`"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", name, def, strings.ReplaceAll(usage, "|", `\|`))
	})
}

// indentBlocks keeps a help text's indented lines (lists, tables) as code
// blocks in Markdown, and its paragraphs as text.
func indentBlocks(text string) string {
	var out []string
	inBlock := false
	for _, line := range strings.Split(text, "\n") {
		indented := strings.HasPrefix(line, "  ")
		switch {
		case indented && !inBlock:
			out = append(out, "```")
			inBlock = true
		case !indented && inBlock && line == "":
			// A blank line inside a block keeps it open if the block
			// goes on; decided at the next line.
		case !indented && inBlock:
			if out[len(out)-1] == "" {
				out = out[:len(out)-1]
				out = append(out, "```", "")
			} else {
				out = append(out, "```")
			}
			inBlock = false
		}
		out = append(out, line)
	}
	if inBlock {
		out = append(out, "```")
	}
	return strings.Join(out, "\n")
}

// dedent removes the two-space indent of cobra examples.
func dedent(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "  ")
	}
	return strings.Join(lines, "\n")
}
