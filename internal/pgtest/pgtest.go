// Package pgtest gives each test a fresh PostgreSQL database on a server shared
// by the test binary: AUTOGEN_TEST_PG_URL, or a throwaway cluster stopped by Main.
// It does not load schemas or data, and it skips (or fails under CI) without PostgreSQL.
//
// A package that uses DB or Server calls Main from its TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// Limitation: a test binary that dies without returning from Main (a panic in
// a test, or the -timeout alarm, which panics) cannot stop its cluster; Main
// does stop it on SIGINT and SIGTERM. A cluster left behind is stopped and
// removed by the next test binary that starts one on the same host
// (see pgserver.StartTemp).
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/autogen-dev/autogen/internal/pgserver"
)

// URLEnv names the environment variable that points the tests at an existing
// server instead of a throwaway cluster. Its role needs the CREATEDB privilege.
const URLEnv = "AUTOGEN_TEST_PG_URL"

var (
	once       sync.Once
	mu         sync.Mutex // guards the variables below
	mainCalled bool
	stopped    bool
	shared     *pgserver.Server
	sharedErr  error
)

// Main runs the package's tests and then stops the shared server, if one was
// started, whether the tests passed or failed; then it exits with the tests'
// status. Call it from TestMain: func TestMain(m *testing.M) { pgtest.Main(m) }
func Main(m *testing.M) {
	os.Exit(Run(m))
}

// Run is Main without the exit: it returns the exit code, for a TestMain
// that has its own cleanup to do.
func Run(m *testing.M) int {
	mu.Lock()
	mainCalled = true
	mu.Unlock()

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			stop()
			// Die of the signal as the process would have without us.
			signal.Reset(sig)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Signal(sig)
			}
		case <-done:
		}
	}()
	defer func() {
		signal.Stop(sigs)
		close(done)
	}()

	code := m.Run()
	if err := stop(); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: stopping the shared PostgreSQL server: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// stop closes the shared server, if any; later calls to Server fail.
func stop() error {
	mu.Lock()
	defer mu.Unlock()
	stopped = true
	s := shared
	shared = nil
	if s == nil {
		return nil
	}
	return s.Close()
}

// DB creates a fresh database for this test on the shared server and returns
// its URL; t.Cleanup drops it, forcing out any connections still open.
//
// The shared server is the one at AUTOGEN_TEST_PG_URL when that is set, else a
// throwaway cluster started once per test binary and stopped by Main. When no
// server can be had, DB calls t.Fatalf with the reason if CI=true or
// AUTOGEN_REQUIRE_PG=1 is set, and t.Skipf otherwise. Two mistakes fail
// always: an AUTOGEN_TEST_PG_URL that does not answer, and a package that
// needs a throwaway cluster but does not call Main from TestMain.
//
// The database name is "test_", the test's name made safe, and a random suffix.
func DB(t testing.TB) string {
	t.Helper()
	s := Server(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	name, url, err := s.CreateDatabase(ctx, dbPrefix(t.Name()))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	t.Cleanup(func() {
		// Not t.Context(): it is already canceled when cleanups run.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := s.DropDatabase(ctx, name); err != nil {
			t.Errorf("pgtest: %v", err)
		}
	})
	return url
}

// Server returns the shared server, with the same rules as DB. Tests must not
// Close it.
func Server(t testing.TB) *pgserver.Server {
	t.Helper()
	once.Do(start)
	mu.Lock()
	s, err := shared, sharedErr
	if err == nil && stopped {
		err = errors.New("pgtest: the shared server was already stopped by Main")
	}
	mu.Unlock()
	if err != nil {
		unavailable(t, err)
	}
	return s
}

// start opens or starts the shared server, once per test binary.
func start() {
	mu.Lock()
	defer mu.Unlock()
	if stopped {
		sharedErr = errors.New("pgtest: the shared server was already stopped by Main")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if url := os.Getenv(URLEnv); url != "" {
		shared, sharedErr = pgserver.Open(ctx, url)
		if sharedErr != nil {
			// The server was asked for explicitly: not having it is an error,
			// never a reason to skip.
			sharedErr = &requiredError{fmt.Errorf("%s is set, but: %w", URLEnv, sharedErr)}
		}
		return
	}
	if !mainCalled {
		// Without Main nobody would stop the cluster.
		sharedErr = &requiredError{errors.New("pgtest: this package's tests use a throwaway PostgreSQL cluster " +
			"but do not call pgtest.Main; add: func TestMain(m *testing.M) { pgtest.Main(m) }")}
		return
	}
	shared, sharedErr = pgserver.StartTemp(ctx)
}

// requiredError marks a failure that fails the test even outside CI.
type requiredError struct{ err error }

func (e *requiredError) Error() string { return e.err.Error() }
func (e *requiredError) Unwrap() error { return e.err }

// unavailable fails or skips t because there is no server.
func unavailable(t testing.TB, err error) {
	t.Helper()
	var req *requiredError
	switch {
	case errors.As(err, &req):
		t.Fatalf("%v", err)
	case pgRequired():
		t.Fatalf("pgtest: PostgreSQL is required here (CI or AUTOGEN_REQUIRE_PG=1) but not available: %v", err)
	default:
		t.Skipf("pgtest: skipping, no PostgreSQL server: %v\n(set AUTOGEN_REQUIRE_PG=1 to fail instead of skipping)", err)
	}
}

// pgRequired reports whether a missing server fails tests instead of skipping them.
func pgRequired() bool {
	ci, _ := strconv.ParseBool(os.Getenv("CI"))
	return ci || os.Getenv("AUTOGEN_REQUIRE_PG") == "1"
}

// dbPrefix turns a test name into a database name prefix: "test_" and the name
// in lower case, with anything but letters and digits made "_", kept short.
func dbPrefix(testName string) string {
	var b strings.Builder
	b.WriteString("test_")
	for _, r := range strings.ToLower(testName) {
		if b.Len() >= 40 {
			break
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else if !strings.HasSuffix(b.String(), "_") {
			b.WriteByte('_')
		}
	}
	return b.String()
}
