// Package pgserver provides a PostgreSQL server to create scratch databases on:
// an existing server given by URL (Open), or a private throwaway cluster (StartTemp).
// It does not manage long-lived clusters, TCP listeners, roles or passwords.
package pgserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Server is a PostgreSQL server that databases can be created on.
type Server struct {
	url string // maintenance connection URL

	// Set only for clusters started by StartTemp.
	dir   string // root of the temp cluster: data/, server.log and the socket
	pgctl string // path of pg_ctl
	run   runner // how to run pg_ctl (as the postgres OS user when root)

	mu     sync.Mutex // guards conn and closed
	conn   *pgx.Conn  // admin connection, opened lazily and reopened when broken
	closed bool

	closeOnce sync.Once
	closeErr  error
}

// Open returns a Server for an existing server at url, e.g.
// postgres://user@host/db or postgres://user@/db?host=/socket/dir. It connects
// and pings within ctx, and when that fails returns an error naming the URL
// (with any password removed).
//
// The URL must be in URL form (postgres:// or postgresql://), not keyword/value
// form. Databases are created and dropped through a connection to this URL, so
// its role needs the CREATEDB privilege.
func Open(ctx context.Context, url string) (*Server, error) {
	if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
		return nil, errors.New("pgserver: the server address must be a postgres:// or postgresql:// URL")
	}
	s := &Server{url: url}
	if err := s.withConn(ctx, func(c *pgx.Conn) error { return c.Ping(ctx) }); err != nil {
		s.Close()
		return nil, fmt.Errorf("pgserver: PostgreSQL server at %s does not answer: %w", Redact(url), err)
	}
	return s, nil
}

// URL is the connection URL of the server's maintenance database ("postgres").
// For a cluster from StartTemp it is
// postgres://postgres@/postgres?host=<Dir()>&port=5432; for a Server from Open
// it is the URL given to Open.
func (s *Server) URL() string { return s.url }

// Dir returns the directory holding a cluster started by StartTemp (its data
// directory "data", its unix socket and its log "server.log"), or "" for a
// Server from Open.
func (s *Server) Dir() string { return s.dir }

// DatabaseURL returns the URL of database name on this server: URL() with its
// path replaced (same credentials, host and parameters).
func (s *Server) DatabaseURL(name string) string {
	u, err := url.Parse(s.url)
	if err != nil { // cannot happen for URLs that Open or StartTemp accepted
		return s.url
	}
	u.Path, u.RawPath = "/"+name, ""
	if q := u.Query(); q.Has("dbname") || q.Has("database") {
		q.Del("dbname")
		q.Del("database")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// maxNameLen is the longest database name PostgreSQL keeps (NAMEDATALEN-1);
// longer names are silently truncated by the server.
const maxNameLen = 63

// CreateDatabase creates a database with a fresh unique name, prefix followed
// by a random suffix (e.g. "autogen_scratch_3f9a1c07"), and returns its name and
// URL. The name is quoted, so any prefix is safe.
//
// An underscore is put between prefix and suffix unless prefix ends in one; an
// empty prefix means "autogen". The prefix is shortened so that the name fits
// PostgreSQL's 63-byte limit.
func (s *Server) CreateDatabase(ctx context.Context, prefix string) (name, url string, err error) {
	if prefix == "" {
		prefix = "autogen"
	}
	if !strings.HasSuffix(prefix, "_") {
		prefix += "_"
	}
	const suffixLen = 8
	if maxPrefix := maxNameLen - suffixLen; len(prefix) > maxPrefix {
		p := prefix[:maxPrefix-1]
		for !utf8.ValidString(p) { // do not cut a multi-byte character in half
			p = p[:len(p)-1]
		}
		prefix = p + "_"
	}
	for attempt := 0; ; attempt++ {
		name = prefix + randomHex(suffixLen)
		err = s.withConn(ctx, func(c *pgx.Conn) error {
			_, err := c.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
			return err
		})
		// Retry on a name clash, and on "source database template1 is being
		// accessed by other users" (some client is briefly connected to it).
		if code := sqlState(err); attempt < 5 && (code == "42P04" || code == "55006") {
			if code == "55006" {
				if err := sleep(ctx, time.Duration(attempt+1)*100*time.Millisecond); err != nil {
					return "", "", fmt.Errorf("pgserver: create database %s: %w", name, err)
				}
			}
			continue
		}
		if err != nil {
			return "", "", fmt.Errorf("pgserver: create database %s on %s: %w", name, Redact(s.url), err)
		}
		return name, s.DatabaseURL(name), nil
	}
}

// DropDatabase drops the named database, disconnecting its users: with
// DROP DATABASE ... WITH (FORCE) on PostgreSQL 13 and later, and by terminating
// their backends first on older servers.
//
// Dropping a database that does not exist is not an error.
func (s *Server) DropDatabase(ctx context.Context, name string) error {
	q := pgx.Identifier{name}.Sanitize()
	err := s.withConn(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+q+" WITH (FORCE)")
		if sqlState(err) != "42601" { // not a syntax error: done, or a real failure
			return err
		}
		// Before PostgreSQL 13: no FORCE. Disconnect the users and retry while
		// new connections slip in.
		for attempt := 0; ; attempt++ {
			if _, err := c.Exec(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				WHERE datname = $1 AND pid <> pg_backend_pid()`, name); err != nil {
				return err
			}
			_, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+q)
			if sqlState(err) != "55006" || attempt == 10 {
				return err
			}
			if err := sleep(ctx, 100*time.Millisecond); err != nil {
				return err
			}
		}
	})
	if err != nil {
		return fmt.Errorf("pgserver: drop database %s on %s: %w", name, Redact(s.url), err)
	}
	return nil
}

// Close closes the Server's connection; for a cluster from StartTemp it also
// stops the server (pg_ctl stop -m immediate) and removes its directory. It is
// safe to call more than once; later calls return the first call's result.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		conn := s.conn
		s.conn = nil
		s.mu.Unlock()

		var errs []error
		if conn != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			conn.Close(ctx) // the server goes away next, or the error would not matter
			cancel()
		}
		if s.dir != "" {
			errs = append(errs, s.stopCluster())
		}
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// withConn runs f with the admin connection, (re)connecting first if needed.
// Calls are serialised; PostgreSQL serialises CREATE/DROP DATABASE work anyway.
func (s *Server) withConn(ctx context.Context, f func(*pgx.Conn) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("pgserver: server is closed")
	}
	if s.conn == nil || s.conn.IsClosed() {
		c, err := pgx.Connect(ctx, s.url)
		if err != nil {
			return err
		}
		s.conn = c
	}
	return f(s.conn)
}

// Redact returns u with any password removed (from the user info and from a
// password query parameter), for use in messages.
func Redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(unparsable URL)"
	}
	if p.User != nil {
		p.User = url.User(p.User.Username())
	}
	if q := p.Query(); q.Has("password") {
		q.Del("password")
		p.RawQuery = q.Encode()
	}
	return p.String()
}

func sqlState(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code
	}
	return ""
}

func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	rand.Read(b) // never returns an error
	return hex.EncodeToString(b)[:n]
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
