package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// alembicScript times Alembic's comparison; see the file's docstring.
//
//go:embed alembic_compare.py
var alembicScript []byte

// alembicRunner runs alembicScript with python3.
type alembicRunner struct {
	python, script string
	version        string
	log            io.Writer
}

// alembicResult is what the script prints.
type alembicResult struct {
	Alembic    string    `json:"alembic"`
	SQLAlchemy string    `json:"sqlalchemy"`
	Seconds    []float64 `json:"seconds"`
	Statements int64     `json:"statements"`
	Tables     int       `json:"tables"`
}

// alembicPackages are Debian's packages the script needs.
var alembicPackages = []string{"python3-alembic", "python3-sqlalchemy", "python3-psycopg2"}

// newAlembic checks that python3 can import Alembic (installing Debian's
// packages first when install is set) and writes the script into dir.
func newAlembic(ctx context.Context, install bool, dir string, log io.Writer) (*alembicRunner, error) {
	if install {
		if err := aptInstall(ctx, log); err != nil {
			return nil, err
		}
	}
	// Debian's packages install into the system Python, which need not be
	// the python3 first on PATH: try each.
	candidates := []string{"/usr/bin/python3"}
	if p, err := exec.LookPath("python3"); err == nil {
		candidates = append(candidates, p)
	}
	var python, version string
	var lastErr string
	for _, p := range candidates {
		out, err := exec.CommandContext(ctx, p, "-c", "import alembic, sqlalchemy, psycopg2; print(alembic.__version__)").CombinedOutput()
		if err == nil {
			python, version = p, strings.TrimSpace(string(out))
			break
		}
		lastErr = strings.TrimSpace(string(out))
	}
	if python == "" {
		return nil, fmt.Errorf("-alembic: no python3 can import alembic, sqlalchemy and psycopg2 (%s)\ninstall them with: apt-get install %s (or run with -install-alembic as root)",
			lastErr, strings.Join(alembicPackages, " "))
	}
	script := filepath.Join(dir, "alembic_compare.py")
	if err := os.WriteFile(script, alembicScript, 0o644); err != nil {
		return nil, err
	}
	return &alembicRunner{python: python, script: script, version: version, log: log}, nil
}

func aptInstall(ctx context.Context, log io.Writer) error {
	if os.Geteuid() != 0 {
		return fmt.Errorf("-install-alembic runs apt-get and needs root; install %s yourself and use -alembic", strings.Join(alembicPackages, " "))
	}
	run := func(args ...string) error {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		cmd.Stdout, cmd.Stderr = log, log
		return cmd.Run()
	}
	fmt.Fprintf(log, "installing %s with apt-get\n", strings.Join(alembicPackages, " "))
	if err := run("update", "-q"); err != nil {
		return fmt.Errorf("apt-get update: %w", err)
	}
	if err := run(append([]string{"install", "-y", "-q", "--no-install-recommends"}, alembicPackages...)...); err != nil {
		return fmt.Errorf("apt-get install: %w", err)
	}
	return nil
}

// compare runs Alembic's comparison on the database at url, runs times.
func (a *alembicRunner) compare(ctx context.Context, d schema.Dialect, url string, runs int) (*alembicResult, error) {
	saURL := url
	switch d {
	case schema.SQLite:
		saURL = "sqlite:///" + url
	case schema.Postgres:
		_, rest, _ := strings.Cut(url, "://")
		saURL = "postgresql+psycopg2://" + rest
	}
	cmd := exec.CommandContext(ctx, a.python, a.script, saURL, fmt.Sprint(runs))
	var out, errBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errBuf
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("alembic on %s: %v\n%s", d.Title(), err, errBuf.String())
	}
	var r alembicResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return nil, fmt.Errorf("alembic printed %q: %v", out.String(), err)
	}
	return &r, nil
}
