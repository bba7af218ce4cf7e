package migrations

import (
	"database/sql"
	"fmt"
	neturl "net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/autogen-dev/autogen/schema"
)

// OpenDB opens the database at url and returns it with its dialect:
//
//	postgres://user:pass@host:5432/db?sslmode=disable   (also postgresql://; pgx)
//	sqlite://relative/path.db
//	sqlite:///absolute/path.db
//	sqlite::memory:                                      (also sqlite://:memory:)
//
// For SQLite, query parameters are passed to modernc.org/sqlite, and
// OpenDB adds, unless the URL sets them: _txlock=immediate (transactions
// begin with BEGIN IMMEDIATE), a busy timeout of 5 s and foreign key
// enforcement (_pragma=foreign_keys(1)). An in-memory database lives in one
// connection, so its pool is limited to that one connection, which is never
// closed while the *sql.DB is open.
//
// A malformed URL is an error here; the connection itself is made lazily,
// by the first query.
func OpenDB(url string) (*sql.DB, schema.Dialect, error) {
	scheme, rest, ok := strings.Cut(url, ":")
	if !ok || scheme == "" {
		return nil, "", fmt.Errorf("database URL has no scheme; %s", acceptedURLs)
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		cfg, err := pgx.ParseConfig(url)
		if err != nil {
			return nil, "", fmt.Errorf("opening the PostgreSQL database: %w", err)
		}
		return stdlib.OpenDB(*cfg), schema.Postgres, nil
	case "sqlite":
		db, err := openSQLite(rest)
		if err != nil {
			return nil, "", err
		}
		return db, schema.SQLite, nil
	}
	return nil, "", fmt.Errorf("unknown database URL scheme %q; %s", scheme, acceptedURLs)
}

const acceptedURLs = "accepted: postgres://…, postgresql://…, sqlite://relative/path.db, sqlite:///absolute/path.db, sqlite::memory: (in memory)"

// openSQLite opens what follows "sqlite:" in a URL.
func openSQLite(rest string) (*sql.DB, error) {
	path, query, _ := strings.Cut(rest, "?")
	switch {
	case path == ":memory:":
	case strings.HasPrefix(path, "//"):
		path = path[2:]
	default:
		return nil, fmt.Errorf("SQLite URL %q: want sqlite://relative/path.db, sqlite:///absolute/path.db or sqlite::memory: (in memory)", "sqlite:"+rest)
	}
	path, err := neturl.PathUnescape(path)
	if err != nil {
		return nil, fmt.Errorf("SQLite URL: the path: %w", err)
	}
	switch {
	case path == "":
		return nil, fmt.Errorf("SQLite URL %q names no file", "sqlite:"+rest)
	case strings.ContainsAny(path, "?#"):
		return nil, fmt.Errorf("SQLite path %q: paths containing ? or # are not supported", path)
	}
	params, err := neturl.ParseQuery(query)
	if err != nil {
		return nil, fmt.Errorf("SQLite URL: the query parameters: %w", err)
	}
	hasPragma := func(name string) bool {
		for _, p := range params["_pragma"] {
			if strings.HasPrefix(strings.ToLower(strings.TrimSpace(p)), name) {
				return true
			}
		}
		return false
	}
	if !params.Has("_txlock") {
		params.Set("_txlock", "immediate")
	}
	if !hasPragma("busy_timeout") && !params.Has("_busy_timeout") && !params.Has("_timeout") {
		params.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeout))
	}
	if !hasPragma("foreign_keys") && !params.Has("_foreign_keys") && !params.Has("_fk") {
		params.Add("_pragma", "foreign_keys(1)")
	}
	db, err := sql.Open("sqlite", path+"?"+params.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening the SQLite database %q: %w", path, err)
	}
	if path == ":memory:" {
		db.SetMaxOpenConns(1)
		db.SetMaxIdleConns(1)
		db.SetConnMaxLifetime(0)
		db.SetConnMaxIdleTime(0)
	}
	return db, nil
}
