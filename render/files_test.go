package render

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestFileName(t *testing.T) {
	at := time.Date(2026, 11, 21, 22, 35, 5, 0, time.FixedZone("CET", 3600))
	for _, c := range []struct{ rev, message, want string }{
		{"3f2a9c1b7d4e", "Add labels to flow", "2026_11_21_213505_3f2a9c1b7d4e_add_labels_to_flow.go"},
		{"3f2a9c1b7d4e", "", "2026_11_21_213505_3f2a9c1b7d4e_migration.go"},
		{"3f2a9c1b7d4e", "  --- !!! ", "2026_11_21_213505_3f2a9c1b7d4e_migration.go"},
		{"3f2a9c1b7d4e", "Add `labels` column to Flow, FlowRun & TaskRun",
			"2026_11_21_213505_3f2a9c1b7d4e_add_labels_column_to_flow_flowrun.go"},
		// Cut at a word boundary: the 40-byte cut would split "deployment".
		{"abc", "Migrate concurrency limit to a foreign key on deployment",
			"2026_11_21_213505_abc_migrate_concurrency_limit_to_a_foreign.go"},
		// Exactly 40 bytes is kept whole.
		{"abc", "aaaaaaaaa bbbbbbbbb ccccccccc dddddddddd", "2026_11_21_213505_abc_aaaaaaaaa_bbbbbbbbb_ccccccccc_dddddddddd.go"},
		// One word longer than 40 bytes is cut inside.
		{"abc", "xabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
			"2026_11_21_213505_abc_xabcdefghijklmnopqrstuvwxyzabcdefghijklm.go"},
		{"abc", "Ünïcødé ÉTAT café", "2026_11_21_213505_abc_n_c_d_tat_caf.go"},
		{"abc", "../../etc/passwd\n", "2026_11_21_213505_abc_etc_passwd.go"},
		{"../x y", "m", "2026_11_21_213505____x_y_m.go"},
	} {
		if got := FileName(at, c.rev, c.message); got != c.want {
			t.Errorf("FileName(%q, %q) = %q, want %q", c.rev, c.message, got, c.want)
		}
	}
}

func TestSlugLength(t *testing.T) {
	for _, m := range []string{"a b c d e f g h i j k l m n o p q r s t u v w x y z", "word " + strings.Repeat("y", 100)} {
		if s := slug(m); len(s) > slugLen || s == "" || s[0] == '_' || s[len(s)-1] == '_' {
			t.Errorf("slug(%q) = %q", m, s)
		}
	}
}

func TestNewRevisionID(t *testing.T) {
	format := regexp.MustCompile(`^[0-9a-f]{12}$`)
	seen := map[string]bool{}
	for range 1000 {
		id := NewRevisionID()
		if !format.MatchString(id) {
			t.Fatalf("NewRevisionID() = %q, want 12 lower-case hex digits", id)
		}
		if seen[id] {
			t.Fatalf("NewRevisionID() returned %q twice", id)
		}
		seen[id] = true
	}
}
