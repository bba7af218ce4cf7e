package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestSetWritesAll(t *testing.T) {
	dir := t.TempDir()
	var s Set
	s.Add(filepath.Join(dir, "a", "x.txt"), []byte("x"), 0o644)
	s.Add(filepath.Join(dir, "y.txt"), []byte("y"), 0o644)
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{"a/x.txt": "x", "y.txt": "y"} {
		got, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", path, got, err, want)
		}
	}
	assertNoTemp(t, dir)
}

func TestSetFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(existing, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The third file's directory cannot be created: a file stands where
	// the directory should be.
	blocker := filepath.Join(dir, "blocked")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var s Set
	s.Add(existing, []byte("new"), 0o644)
	s.Add(filepath.Join(dir, "new.go"), []byte("package x"), 0o644)
	s.Add(filepath.Join(blocker, "sub", "z.go"), []byte("z"), 0o644)
	if err := s.Commit(); err == nil {
		t.Fatal("Commit succeeded; want an error")
	}
	if got, _ := os.ReadFile(existing); string(got) != "old" {
		t.Errorf("existing file = %q; want it untouched", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "new.go")); !os.IsNotExist(err) {
		t.Errorf("new.go exists after a failed commit (err %v)", err)
	}
	assertNoTemp(t, dir)
}

func TestSetRenameFailureRestores(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(existing, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A directory where the second file should go makes its rename fail
	// after the first file was renamed into place.
	if err := os.MkdirAll(filepath.Join(dir, "taken", "inner"), 0o755); err != nil {
		t.Fatal(err)
	}
	var s Set
	s.Add(existing, []byte("new"), 0o644)
	s.Add(filepath.Join(dir, "taken"), []byte("data"), 0o644)
	if err := s.Commit(); err == nil {
		t.Fatal("Commit succeeded; want an error")
	}
	if got, _ := os.ReadFile(existing); string(got) != "old" {
		t.Errorf("existing file = %q; want it restored to %q", got, "old")
	}
	assertNoTemp(t, dir)
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && filepath.Ext(path) != "" && len(info.Name()) > 0 && info.Name()[0] == '.' {
			t.Errorf("temporary file left behind: %s", path)
		}
		return nil
	})
}
