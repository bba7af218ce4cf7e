// Package templates holds autogen's default file templates, embedded in the
// binary: script.go.tmpl, the text/template that lays out one migration file
// (the analogue of Alembic's script.py.mako).
//
// The data a template sees, and the functions it may call, are defined and
// documented by package render (render.TemplateData, render.TemplateFuncs).
// A project overrides the default with a script.go.tmpl of its own in its
// migrations directory; it then keeps those fields and functions.
package templates

import "embed"

// FS holds the default templates (*.tmpl); "script.go.tmpl" is the
// migration file template.
//
//go:embed *.tmpl
var FS embed.FS

// Script is the name of the migration file template in FS.
const Script = "script.go.tmpl"
