package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeEnvProject makes a module whose env program is main, a stand-in
// that needs no model, so that a test controls what the env program does
// while the autogen binary hands a command over to it.
func fakeEnvProject(t *testing.T, main string) string {
	t.Helper()
	dir := newModule(t)
	writeFile(t, filepath.Join(dir, "migrations", "autogen.toml"), "model = \"example.com/app/model.Schema\"\n")
	writeFile(t, filepath.Join(dir, "migrations", "env", "main.go"), main)
	return dir
}

// fakeEnvCommand runs the autogen binary in dir with a cache directory
// of the test's own.
func fakeEnvCommand(t *testing.T, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(autogenBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+filepath.Join(t.TempDir(), "cache"))
	return cmd
}

// An interrupt sent to autogen while the env program runs reaches the env
// program, which finishes its cleanup (dropping scratch databases, say)
// and decides the exit code; it is not killed halfway.
func TestInterruptLetsEnvProgramCleanUp(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go program; skipped with -short")
	}
	dir := fakeEnvProject(t, `package main

import (
	"fmt"
	"os"
	"os/signal"
	"time"
)

func main() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	os.WriteFile("started", nil, 0o644)
	<-sigs
	time.Sleep(300 * time.Millisecond) // cleanup takes a while
	os.WriteFile("cleaned", nil, 0o644)
	fmt.Fprintln(os.Stderr, "autogen: interrupted")
	os.Exit(130)
}
`)
	cmd := fakeEnvCommand(t, dir, "history")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for !fileExists(filepath.Join(dir, "started")) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("the env program did not start; stderr:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Only autogen gets the signal, as with kill -INT; a terminal's Ctrl-C
	// reaches both.
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Errorf("autogen ended with %v, want exit 130 (the env program's); stderr:\n%s", err, stderr.String())
	}
	if !fileExists(filepath.Join(dir, "cleaned")) {
		t.Errorf("the env program was stopped before its cleanup; stderr:\n%s", stderr.String())
	}
	if got := stderr.String(); got != "autogen: interrupted\n" {
		t.Errorf("stderr = %q, want the env program's one line", got)
	}
}

// When the reader of autogen's output goes away (autogen history | head),
// autogen ends quietly, as a single process killed by SIGPIPE would, not
// with a message about its env program.
func TestClosedPipeIsQuiet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go program; skipped with -short")
	}
	dir := fakeEnvProject(t, `package main

import (
	"fmt"
	"strings"
)

func main() {
	line := strings.Repeat("x", 1000)
	for i := 0; i < 100000; i++ {
		fmt.Println(line)
	}
}
`)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	cmd := fakeEnvCommand(t, dir, "history")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &stderr
	err = cmd.Run()
	w.Close()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 141 {
		t.Errorf("autogen ended with %v, want exit 141 (128 + SIGPIPE)", err)
	}
	if strings.TrimSpace(stderr.String()) != "" {
		t.Errorf("stderr = %q, want nothing", stderr.String())
	}
}

// Env programs built for projects that no longer exist are removed from
// the cache when another is built; others stay.
func TestEnvCacheDropsProgramsOfRemovedProjects(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Go program; skipped with -short")
	}
	dir := fakeEnvProject(t, "package main\n\nfunc main() {}\n")
	cache := filepath.Join(t.TempDir(), "cache")
	envs := filepath.Join(cache, "autogen", "env")
	gone, other, old := filepath.Join(envs, "gone"), filepath.Join(envs, "other"), filepath.Join(envs, "old")
	writeFile(t, filepath.Join(gone, "env"), "binary")
	writeFile(t, filepath.Join(gone, "source"), filepath.Join(t.TempDir(), "removed", "migrations", "env"))
	writeFile(t, filepath.Join(other, "env"), "binary")
	writeFile(t, filepath.Join(other, "source"), filepath.Join(dir, "migrations", "env"))
	writeFile(t, filepath.Join(old, "env"), "binary") // no source: left alone
	cmd := exec.Command(autogenBin, "history")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("autogen history: %v\n%s", err, out)
	}
	if fileExists(gone) {
		t.Errorf("%s is still there", gone)
	}
	for _, keep := range []string{other, old} {
		if !fileExists(keep) {
			t.Errorf("%s was removed", keep)
		}
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
