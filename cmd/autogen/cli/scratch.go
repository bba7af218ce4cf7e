package cli

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/autogen-dev/autogen/internal/pgserver"
	"github.com/autogen-dev/autogen/migrations"
	"github.com/autogen-dev/autogen/schema"
)

// openDatabase opens a database URL and checks that it answers.
func openDatabase(ctx context.Context, url string) (*sql.DB, schema.Dialect, error) {
	db, d, err := migrations.OpenDB(url)
	if err != nil {
		return nil, "", fail("%v", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		hint := "check that the server runs and that the URL's host, port, user and database are right"
		if d == schema.SQLite {
			hint = "check that the file's directory exists and is writable"
		}
		return nil, "", fail("cannot connect to %s: %s; %s", redactURL(url), oneLine(err.Error()), hint)
	}
	return db, d, nil
}

// scratch hands out empty databases to build schemas on: SQLite files in
// a temporary directory, and PostgreSQL databases on the dev server
// (AUTOGEN_PG_DEV_URL, else the project's dev URL, else a private
// throwaway cluster started on first use).
type scratch struct {
	devURL string // from autogen.toml

	mu      sync.Mutex
	dir     string
	pg      *pgserver.Server
	dbs     []*sql.DB
	pgNames []string
	n       int
}

func newScratch(p *Project) *scratch {
	s := &scratch{}
	if p != nil {
		s.devURL = p.Config.Dev.PostgresURL
	}
	return s
}

// open returns an empty database of dialect d. It is removed by close.
func (s *scratch) open(ctx context.Context, d schema.Dialect) (*sql.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	var url string
	switch d {
	case schema.SQLite:
		if s.dir == "" {
			dir, err := os.MkdirTemp("", "autogen-scratch-")
			if err != nil {
				return nil, fail("create a scratch directory: %v", err)
			}
			s.dir = dir
		}
		// A scratch database is thrown away: no fsync at each of the
		// chain's commits (that was half of a 100-migration replay).
		url = "sqlite://" + filepath.Join(s.dir, "scratch"+strconv.Itoa(s.n)+".db") + "?_pragma=synchronous(OFF)"
	case schema.Postgres:
		if s.pg == nil {
			srv, err := s.startPostgres(ctx)
			if err != nil {
				return nil, err
			}
			s.pg = srv
		}
		name, dbURL, err := s.pg.CreateDatabase(ctx, "autogen_scratch")
		if err != nil {
			return nil, fail("create a scratch PostgreSQL database: %v", err)
		}
		s.pgNames = append(s.pgNames, name)
		url = dbURL
	default:
		return nil, fail("unknown dialect %q", d)
	}
	db, _, err := migrations.OpenDB(url)
	if err != nil {
		return nil, fail("open scratch database: %v", err)
	}
	s.dbs = append(s.dbs, db)
	return db, nil
}

func (s *scratch) startPostgres(ctx context.Context) (*pgserver.Server, error) {
	url, from := os.Getenv("AUTOGEN_PG_DEV_URL"), "AUTOGEN_PG_DEV_URL"
	if url == "" {
		url, from = s.devURL, "dev.postgres_url in "+ConfigFile
	}
	if url != "" {
		srv, err := pgserver.Open(ctx, url)
		if err != nil {
			return nil, fail("the PostgreSQL server for scratch databases (%s) does not answer: %v", from, err)
		}
		return srv, nil
	}
	// An interrupt must not abandon a cluster half started: the start
	// runs to its end, close stops the cluster, and the caller learns of
	// the interrupt afterwards.
	startCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	srv, err := pgserver.StartTemp(startCtx)
	if err == nil && ctx.Err() != nil {
		srv.Close()
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, fail("PostgreSQL scratch databases need a server: %v\nSet AUTOGEN_PG_DEV_URL (or dev.postgres_url in %s) to a server where autogen may create databases, or install PostgreSQL's server binaries", err, ConfigFile)
	}
	return srv, nil
}

// close drops every scratch database and stops a private cluster.
func (s *scratch) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, db := range s.dbs {
		db.Close()
	}
	if s.pg != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		for _, name := range s.pgNames {
			s.pg.DropDatabase(ctx, name)
		}
		cancel()
		s.pg.Close()
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}
