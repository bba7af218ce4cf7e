package pgserver

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

const (
	dirPrefix = "autogen-pg-"   // name prefix of temp cluster directories
	ownerFile = "autogen-owner" // "<pid> <hostname>" of the process that started the cluster
	osUser    = "postgres"      // OS user that runs the cluster when we are root
)

// FindBinaries returns the paths of initdb and pg_ctl, taken from the same
// directory: the one holding initdb on PATH, else the newest
// /usr/lib/postgresql/<version>/bin. The error says how to get them.
func FindBinaries() (initdb, pgctl string, err error) {
	var dirs []string
	if p, err := exec.LookPath("initdb"); err == nil {
		dirs = append(dirs, filepath.Dir(p))
	}
	versioned, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	version := func(dir string) float64 {
		v, err := strconv.ParseFloat(filepath.Base(filepath.Dir(dir)), 64) // "15", "9.6"
		if err != nil {
			return -1
		}
		return v
	}
	sort.SliceStable(versioned, func(i, j int) bool { return version(versioned[i]) > version(versioned[j]) })
	dirs = append(dirs, versioned...)
	for _, d := range dirs {
		initdb, pgctl = filepath.Join(d, "initdb"), filepath.Join(d, "pg_ctl")
		if isExecutable(initdb) && isExecutable(pgctl) {
			return initdb, pgctl, nil
		}
	}
	return "", "", errors.New("no PostgreSQL server binaries found (looked for initdb and pg_ctl on PATH and in /usr/lib/postgresql/*/bin); " +
		"install the postgresql package (e.g. apt-get install postgresql) or use an existing server " +
		"(AUTOGEN_PG_DEV_URL for the CLI, AUTOGEN_TEST_PG_URL for tests)")
}

// StartTemp starts a private throwaway cluster and returns it; Close stops it
// and deletes it.
//
// It finds initdb and pg_ctl with FindBinaries, runs
// "initdb -A trust --no-sync -U postgres -E UTF8 --locale=C" into a fresh
// temporary directory (in /dev/shm when that is a roomy tmpfs, which is much
// faster, else in the temp directory) and starts the server with "pg_ctl -w".
// The server listens on no TCP address, only on a unix socket in that
// directory (see URL), runs with fsync, synchronous_commit and
// full_page_writes off and max_connections 200, and logs to server.log in that
// directory.
//
// PostgreSQL refuses to run as root: when the process is root, the directory is
// given to the "postgres" OS user and initdb and pg_ctl are run as that user
// with "runuser -u postgres --", or "su postgres -c" where runuser is missing.
//
// Errors say what is missing and how to fix it; a failed start includes the
// tail of the server log.
//
// Limitation: a cluster whose owner dies without calling Close (e.g. a test
// binary killed by its timeout) keeps running until a later StartTemp on the
// same host notices the owner process is gone, then stops and removes it.
func StartTemp(ctx context.Context) (*Server, error) {
	initdb, pgctl, err := FindBinaries()
	if err != nil {
		return nil, fmt.Errorf("pgserver: %w", err)
	}
	r, uid, gid, err := pickRunner()
	if err != nil {
		return nil, err
	}
	bases := tempBases(r.user != "")
	for _, base := range bases {
		reapStale(ctx, base, pgctl, r)
	}
	var dir string
	for _, base := range bases {
		if dir, err = os.MkdirTemp(base, dirPrefix); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("pgserver: creating the cluster directory: %w", err)
	}
	s := &Server{url: socketURL(dir), dir: dir, pgctl: pgctl, run: r}
	ok := false
	defer func() {
		if !ok {
			s.Close() // stops the server if it got that far, removes dir
		}
	}()
	host, _ := os.Hostname()
	if err := os.WriteFile(filepath.Join(dir, ownerFile), fmt.Appendf(nil, "%d %s\n", os.Getpid(), host), 0o644); err != nil {
		return nil, fmt.Errorf("pgserver: %w", err)
	}
	if r.user != "" {
		if err := os.Chown(dir, uid, gid); err != nil {
			return nil, fmt.Errorf("pgserver: giving %s to the %s OS user: %w", dir, osUser, err)
		}
	}

	data := filepath.Join(dir, "data")
	out, err := r.command(ctx, dir, initdb, "-D", data, "-A", "trust", "--no-sync",
		"-U", "postgres", "-E", "UTF8", "--locale=C").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("pgserver: %s failed: %v%s\n%s", initdb, err, r.describe(), out)
	}
	conf := fmt.Sprintf(`
# added by autogen's pgserver: private, disposable test cluster
listen_addresses = ''
unix_socket_directories = '%s'
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
`, strings.ReplaceAll(dir, "'", "''"))
	if err := appendFile(filepath.Join(data, "postgresql.conf"), conf); err != nil {
		return nil, fmt.Errorf("pgserver: configuring the cluster: %w", err)
	}

	logFile := filepath.Join(dir, "server.log")
	out, err = r.command(ctx, dir, pgctl, "-D", data, "-l", logFile, "-w", "-t", "60", "start").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("pgserver: starting PostgreSQL with %s failed: %v%s\npg_ctl output:\n%s\nlast lines of the server log %s:\n%s",
			pgctl, err, r.describe(), out, logFile, logTail(logFile))
	}
	if err := s.withConn(ctx, func(c *pgx.Conn) error { return c.Ping(ctx) }); err != nil {
		return nil, fmt.Errorf("pgserver: PostgreSQL started but does not answer at %s: %w\nlast lines of the server log %s:\n%s",
			s.url, err, logFile, logTail(logFile))
	}
	ok = true
	return s, nil
}

// tempBases returns the directories to make a cluster directory in, best
// first: RAM-backed /dev/shm when roomy, then the temp directory. The socket
// path (dir + "/.s.PGSQL.5432") must fit in 107 bytes, and when we are root the
// postgres user must be able to reach the directory: /tmp then, not $TMPDIR.
func tempBases(root bool) []string {
	var bases []string
	if d := ramDir(); d != "" {
		bases = append(bases, d)
	}
	base := os.TempDir()
	if root || len(base) > 60 {
		base = "/tmp"
	}
	return append(bases, base)
}

// stopCluster stops the temp cluster in s.dir, if running, and removes s.dir.
func (s *Server) stopCluster() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var errs []error
	data := filepath.Join(s.dir, "data")
	if _, err := os.Stat(filepath.Join(data, "postmaster.pid")); err == nil {
		out, err := s.run.command(ctx, s.dir, s.pgctl, "-D", data, "-m", "immediate", "-w", "-t", "30", "stop").CombinedOutput()
		if err != nil {
			errs = append(errs, fmt.Errorf("pgserver: stopping the cluster in %s: %v\n%s", s.dir, err, out))
		}
	}
	if err := os.RemoveAll(s.dir); err != nil {
		errs = append(errs, fmt.Errorf("pgserver: %w", err))
	}
	return errors.Join(errs...)
}

// reapStale stops and removes temp clusters under base that were started on this
// host by processes that no longer exist (e.g. test binaries killed on timeout).
// It is best effort: anything it cannot read or stop is left alone.
func reapStale(ctx context.Context, base, pgctl string, r runner) {
	dirs, _ := filepath.Glob(filepath.Join(base, dirPrefix+"*"))
	host, _ := os.Hostname()
	for _, d := range dirs {
		if ctx.Err() != nil {
			return
		}
		b, err := os.ReadFile(filepath.Join(d, ownerFile))
		if err != nil {
			continue // not ours, or still being set up
		}
		f := strings.Fields(string(b))
		if len(f) != 2 || f[1] != host {
			continue
		}
		if pid, err := strconv.Atoi(f[0]); err != nil || processAlive(pid) {
			continue
		}
		(&Server{dir: d, pgctl: pgctl, run: r}).stopCluster()
	}
}

func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || !errors.Is(err, os.ErrProcessDone)
}

// runner runs the server binaries, as another OS user when user is set.
type runner struct {
	user    string // "" runs as the current user
	runuser string // path of runuser, if any
	su      string // path of su, used when there is no runuser
}

// pickRunner decides how to run initdb and pg_ctl: directly, or, when we are
// root (which PostgreSQL refuses), as the postgres OS user. It returns that
// user's uid and gid.
func pickRunner() (r runner, uid, gid int, err error) {
	if os.Geteuid() != 0 {
		return runner{}, -1, -1, nil
	}
	u, err := user.Lookup(osUser)
	if err != nil {
		return r, 0, 0, fmt.Errorf("pgserver: running as root, which PostgreSQL refuses, and there is no %q OS user to run it as (%v); "+
			"install the postgresql package (it creates the user), create the user (useradd --system %s), or run as a non-root user", osUser, err, osUser)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	r.user = osUser
	if r.runuser, err = exec.LookPath("runuser"); err != nil {
		if r.su, err = exec.LookPath("su"); err != nil {
			return r, 0, 0, fmt.Errorf("pgserver: running as root, which PostgreSQL refuses, and neither runuser nor su is on PATH to run it as the %q user; "+
				"install util-linux or run as a non-root user", osUser)
		}
	}
	return r, uid, gid, nil
}

// command returns a command running name with args in dir, with a clean
// environment: no PG* variables, and the C locale for predictable messages.
func (r runner) command(ctx context.Context, dir, name string, args ...string) *exec.Cmd {
	var cmd *exec.Cmd
	switch {
	case r.user == "":
		cmd = exec.CommandContext(ctx, name, args...)
	case r.runuser != "":
		cmd = exec.CommandContext(ctx, r.runuser, append([]string{"-u", r.user, "--", name}, args...)...)
	default:
		cmd = exec.CommandContext(ctx, r.su, "-s", "/bin/sh", r.user, "-c", shellJoin(append([]string{name}, args...)))
	}
	cmd.Dir = dir // the current directory may be unreadable for the postgres user
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "PG") || strings.HasPrefix(k, "LC_") || k == "LANG" || k == "LANGUAGE" {
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, "LC_ALL=C")
	cmd.WaitDelay = 10 * time.Second // in case a daemonised child keeps our pipes open
	return cmd
}

// describe says, for error messages, whose rights the command ran with.
func (r runner) describe() string {
	if r.user == "" {
		return ""
	}
	return fmt.Sprintf(" (run as OS user %q because we are root)", r.user)
}

func socketURL(dir string) string {
	// pgx, like libpq, does not read "+" as a space in the query.
	host := strings.NewReplacer("%2F", "/", "+", "%20").Replace(url.QueryEscape(dir))
	return "postgres://postgres@/postgres?host=" + host + "&port=5432"
}

func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	return errors.Join(err, f.Close())
}

// logTail returns the last lines of the server log, for error messages.
func logTail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(cannot read it: %v)", err)
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return strings.Join(lines, "\n")
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}
