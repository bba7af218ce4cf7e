package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"
)

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// colorOn reports whether output to w may be colored: a terminal, no
// NO_COLOR (https://no-color.org), and not TERM=dumb.
func colorOn(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// ANSI styles.
const (
	styleRed    = "\x1b[31;1m"
	styleYellow = "\x1b[33m"
	styleGreen  = "\x1b[32m"
	styleBold   = "\x1b[1m"
	styleDim    = "\x1b[2m"
	styleReset  = "\x1b[0m"
)

// paint wraps text in style when standard output is colored.
func (a *app) paint(style, text string) string {
	if !a.color {
		return text
	}
	return style + text + styleReset
}

// progress shows one updating status line on standard error while long
// work runs (replaying a chain, applying migrations, rebuilding a table),
// with the time spent once it passes two seconds. It shows nothing unless
// standard error is a terminal and -q is off, so logs and CI output stay
// clean.
type progress struct {
	w       io.Writer
	mu      sync.Mutex
	label   string
	started time.Time
	shown   bool
	stop    chan struct{}
	done    chan struct{}
	release func()
	once    sync.Once
}

// startProgress starts a status line, or returns nil (whose methods do
// nothing) when it would not be seen or another one is showing (work on
// the two dialects may run at once; one line is enough).
func (a *app) startProgress(label string) *progress {
	if a.quiet || !isTerminal(a.stderr) {
		return nil
	}
	a.progressMu.Lock()
	defer a.progressMu.Unlock()
	if a.progress != nil {
		return nil
	}
	p := &progress{w: a.stderr, label: label, started: time.Now(), stop: make(chan struct{}), done: make(chan struct{}),
		release: func() {
			a.progressMu.Lock()
			a.progress = nil
			a.progressMu.Unlock()
		}}
	a.progress = p
	go p.loop()
	return p
}

// endProgress removes the status line, if one is showing, before results
// are printed.
func (a *app) endProgress() {
	a.progressMu.Lock()
	p := a.progress
	a.progressMu.Unlock()
	p.end()
}

func (p *progress) loop() {
	defer close(p.done)
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-tick.C:
			p.draw()
		}
	}
}

func (p *progress) draw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := p.label
	if el := time.Since(p.started); el >= 2*time.Second {
		line += fmt.Sprintf(" (%ds)", int(el.Seconds()))
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
	p.shown = true
}

// set changes the status line.
func (p *progress) set(format string, args ...any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.label = fmt.Sprintf(format, args...)
	p.mu.Unlock()
}

// end removes the status line; later calls do nothing.
func (p *progress) end() {
	if p == nil {
		return
	}
	p.once.Do(func() {
		close(p.stop)
		<-p.done
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.shown {
			fmt.Fprint(p.w, "\r\x1b[K")
		}
		p.release()
	})
}

// migrationLog is a slog handler for the runtime's logger that moves a
// progress line along as migrations start: "<verb> the SQLite chain 3/12:
// <revision> <message>".
type migrationLog struct {
	p     *progress
	verb  string
	total int
	n     *int
}

func (a *app) migrationLogger(p *progress, verb string, total int) *slog.Logger {
	if p == nil {
		return slog.New(slog.DiscardHandler)
	}
	return slog.New(migrationLog{p: p, verb: verb, total: total, n: new(int)})
}

func (h migrationLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h migrationLog) Handle(_ context.Context, r slog.Record) error {
	if !strings.HasPrefix(r.Message, "running migration") {
		return nil
	}
	var rev, msg string
	r.Attrs(func(at slog.Attr) bool {
		switch at.Key {
		case "revision":
			rev = at.Value.String()
		case "message":
			msg = at.Value.String()
		}
		return true
	})
	*h.n++
	msg = oneLine(msg)
	if h.total > 0 {
		h.p.set("%s %d/%d: %s %s", h.verb, *h.n, h.total, rev, msg)
	} else {
		h.p.set("%s: %s %s", h.verb, rev, msg)
	}
	return nil
}

func (h migrationLog) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h migrationLog) WithGroup(string) slog.Handler      { return h }
