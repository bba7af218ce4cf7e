package diff

import (
	"slices"
	"testing"
)

func TestStringLiterals(t *testing.T) {
	for _, c := range []struct {
		stmt string
		want []string
	}{
		{`ALTER TABLE "t" ALTER COLUMN "s" SET DEFAULT 'PAUSED'::"state"`, []string{"PAUSED"}},
		{`CHECK (s IN ('it''s', 'b'))`, []string{"it's", "b"}},
		{`DEFAULT '{A,"B C"}'`, []string{`{A,"B C"}`}},
		{`CREATE TABLE "it's" ("x" text)`, nil},
		{`'unterminated`, []string{"unterminated"}},
		{`''`, []string{""}},
	} {
		if got := stringLiterals(c.stmt); !slices.Equal(got, c.want) {
			t.Errorf("stringLiterals(%q) = %q, want %q", c.stmt, got, c.want)
		}
	}
}

func TestLiteralUses(t *testing.T) {
	lits := []string{"READY", `{A,"B C",D}`, "plain"}
	for v, want := range map[string]bool{"READY": true, "A": true, "B C": true, "D": true, "PAUSED": false, "B": false, "": false} {
		if got := literalUses(lits, v); got != want {
			t.Errorf("literalUses(%q) = %v, want %v", v, got, want)
		}
	}
}

func FuzzStringLiterals(f *testing.F) {
	f.Add(`SET DEFAULT 'a''b'::"e"`)
	f.Add(`'{x,"y"}'`)
	f.Fuzz(func(t *testing.T, stmt string) {
		for _, lit := range stringLiterals(stmt) {
			if len(lit) > len(stmt) {
				t.Fatalf("literal %q longer than the statement %q", lit, stmt)
			}
		}
	})
}
