package migrations

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/autogen-dev/autogen/schema"
)

// Errors about chains and targets. Use errors.Is: the errors returned carry
// a sentence naming the revisions involved and match these values.
var (
	// ErrInvalidChain matches every structural problem of a chain: the
	// three errors below and a migration without a revision ID.
	ErrInvalidChain = errors.New("invalid migration chain")
	// ErrDuplicateRevision: two migrations share a revision ID.
	ErrDuplicateRevision = errors.New("duplicate revision")
	// ErrMissingParent: a migration follows a revision the chain lacks.
	ErrMissingParent = errors.New("missing down revision")
	// ErrCycle: following down revisions leads back to where it started.
	ErrCycle = errors.New("cycle in the revision graph")

	// ErrMultipleHeads: the target (or a relative step) needs a single head
	// but there are several.
	ErrMultipleHeads = errors.New("multiple heads")
	// ErrUnknownRevision: a target, or a revision recorded in the database,
	// is not in the chain.
	ErrUnknownRevision = errors.New("unknown revision")
	// ErrAmbiguousRevision: a revision prefix matches several revisions.
	ErrAmbiguousRevision = errors.New("ambiguous revision")
	// ErrInvalidTarget: the target is malformed or cannot be reached in
	// the requested direction (downgrading to a revision that is not
	// applied, "+N" beyond the last migration, "-N" on an upgrade).
	ErrInvalidTarget = errors.New("invalid target")
)

// kindError is an error with its own message that matches one or more
// sentinel errors.
type kindError struct {
	kinds []error
	msg   string
}

// Error returns the message.
func (e *kindError) Error() string { return e.msg }

// Unwrap returns the sentinel errors e matches.
func (e *kindError) Unwrap() []error { return e.kinds }

func errorOf(kinds []error, format string, args ...any) error {
	return &kindError{kinds: kinds, msg: fmt.Sprintf(format, args...)}
}

// Direction is the direction of a migration step.
type Direction int

// The directions.
const (
	Up   Direction = 1
	Down Direction = -1
)

// String is "upgrade" or "downgrade".
func (d Direction) String() string {
	switch d {
	case Up:
		return "upgrade"
	case Down:
		return "downgrade"
	}
	return "Direction(" + strconv.Itoa(int(d)) + ")"
}

// Graph is the validated revision graph of a chain: a DAG whose edges run
// from each migration to its down revisions. Branches (two migrations with
// the same parent) and merges (a migration with several parents) are
// allowed; upgrading to "head" needs a single head.
//
// The database's state is a set of revisions, the heads of what is applied
// (one for a linear chain; the version table holds one row per head).
type Graph struct {
	dialect  schema.Dialect
	order    []*Migration   // topological: parents before children
	pos      map[string]int // revision -> index in order
	children map[string][]string
	heads    []string
	bases    []string
}

// Graph validates the chain and returns its revision graph. The error lists
// every problem found (duplicate revision IDs, missing parents, cycles),
// one sentence each naming the revisions; it matches ErrInvalidChain and the
// specific errors.
func (c *Chain) Graph() (*Graph, error) {
	return newGraph(c.dialect, c.Migrations())
}

func newGraph(d schema.Dialect, ms []*Migration) (*Graph, error) {
	var errs []error
	chainErr := func(kind error, format string, args ...any) {
		errs = append(errs, errorOf([]error{ErrInvalidChain, kind}, format, args...))
	}
	byRev := map[string]*Migration{}
	reg := map[string]int{} // registration order, for stable ordering
	var uniq []*Migration
	for i, m := range ms {
		switch prev, dup := byRev[m.Revision]; {
		case m.Revision == "":
			chainErr(ErrInvalidChain, "a migration has no revision ID (message %q)", m.Message)
		case dup:
			chainErr(ErrDuplicateRevision, "revision %s is declared twice (messages %q and %q)", m.Revision, prev.Message, m.Message)
		default:
			byRev[m.Revision] = m
			reg[m.Revision] = i
			uniq = append(uniq, m)
		}
	}
	parents := map[string][]string{}
	children := map[string][]string{}
	for _, m := range uniq {
		seen := map[string]bool{}
		for _, p := range m.DownRevisions {
			if seen[p] {
				continue
			}
			seen[p] = true
			if _, ok := byRev[p]; !ok {
				chainErr(ErrMissingParent, "revision %s (%q) follows revision %s, which is not in the chain", m.Revision, m.Message, p)
				continue
			}
			parents[m.Revision] = append(parents[m.Revision], p)
			children[p] = append(children[p], m.Revision)
		}
	}
	// Kahn's algorithm, taking ready revisions in registration order.
	indeg := map[string]int{}
	var ready []string
	for _, m := range uniq {
		indeg[m.Revision] = len(parents[m.Revision])
		if indeg[m.Revision] == 0 {
			ready = append(ready, m.Revision)
		}
	}
	byReg := func(a, b string) int { return reg[a] - reg[b] }
	var order []*Migration
	for len(ready) > 0 {
		r := ready[0]
		ready = ready[1:]
		order = append(order, byRev[r])
		for _, ch := range children[r] {
			indeg[ch]--
			if indeg[ch] == 0 {
				i, _ := slices.BinarySearchFunc(ready, ch, byReg)
				ready = slices.Insert(ready, i, ch)
			}
		}
	}
	if len(order) < len(uniq) {
		for _, cyc := range findCycles(uniq, parents, indeg) {
			chainErr(ErrCycle, "revisions %s form a cycle", strings.Join(cyc, " -> "))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	g := &Graph{dialect: d, order: order, pos: map[string]int{}, children: map[string][]string{}}
	for i, m := range order {
		g.pos[m.Revision] = i
	}
	for _, m := range order {
		kids := slices.Clone(children[m.Revision])
		sort.Slice(kids, func(i, j int) bool { return g.pos[kids[i]] < g.pos[kids[j]] })
		g.children[m.Revision] = kids
		if len(kids) == 0 {
			g.heads = append(g.heads, m.Revision)
		}
		if len(parents[m.Revision]) == 0 {
			g.bases = append(g.bases, m.Revision)
		}
	}
	return g, nil
}

// findCycles returns one cycle per group of revisions left over by the
// topological sort, each as a path in upgrade order (each revision is
// followed by the next) that ends where it starts.
func findCycles(ms []*Migration, parents map[string][]string, indeg map[string]int) [][]string {
	left := map[string]bool{}
	for _, m := range ms {
		if indeg[m.Revision] > 0 {
			left[m.Revision] = true
		}
	}
	var cycles [][]string
	done := map[string]bool{}
	for _, m := range ms {
		start := m.Revision
		if !left[start] || done[start] {
			continue
		}
		// Walk parent edges inside the leftover set until a revision repeats.
		var path []string
		at := map[string]int{}
		cur := start
		for {
			if i, ok := at[cur]; ok {
				cyc := append(slices.Clone(path[i:]), cur)
				slices.Reverse(cyc) // upgrade order: each is followed by the next
				cycles = append(cycles, cyc)
				break
			}
			if done[cur] {
				break
			}
			at[cur] = len(path)
			path = append(path, cur)
			next := ""
			for _, p := range parents[cur] {
				if left[p] {
					next = p
					break
				}
			}
			if next == "" {
				break
			}
			cur = next
		}
		for _, r := range path {
			done[r] = true
		}
	}
	return cycles
}

// Dialect is the chain's dialect.
func (g *Graph) Dialect() schema.Dialect { return g.dialect }

// Migrations returns every migration in topological order: each after the
// revisions it follows (ties in registration order).
func (g *Graph) Migrations() []*Migration { return slices.Clone(g.order) }

// Migration returns the migration with the full revision ID rev, or nil.
func (g *Graph) Migration(rev string) *Migration {
	if i, ok := g.pos[rev]; ok {
		return g.order[i]
	}
	return nil
}

// Heads returns the revisions no migration follows, in topological order.
// A healthy chain has one; an empty chain has none.
func (g *Graph) Heads() []string { return slices.Clone(g.heads) }

// Bases returns the revisions that follow nothing.
func (g *Graph) Bases() []string { return slices.Clone(g.bases) }

// Resolve returns the full revision ID for id, a full ID or a unique prefix
// of one. Errors match ErrUnknownRevision or ErrAmbiguousRevision; an
// ambiguous prefix lists its matches.
func (g *Graph) Resolve(id string) (string, error) {
	if id == "" {
		return "", errorOf([]error{ErrUnknownRevision}, "empty revision ID")
	}
	if _, ok := g.pos[id]; ok {
		return id, nil
	}
	var matches []string
	for _, m := range g.order {
		if strings.HasPrefix(m.Revision, id) {
			matches = append(matches, m.Revision)
		}
	}
	switch len(matches) {
	case 0:
		return "", errorOf([]error{ErrUnknownRevision}, "revision %s is not in the %s chain", id, g.dialect.Title())
	case 1:
		return matches[0], nil
	}
	sort.Strings(matches)
	return "", errorOf([]error{ErrAmbiguousRevision}, "revision prefix %s is ambiguous: it matches %s", id, strings.Join(matches, ", "))
}

// Plan is what an upgrade or downgrade will do, computed from the current
// revisions and a target.
type Plan struct {
	Direction Direction
	// Current is the database's revisions the plan starts from (empty: base).
	Current []string
	// Target is the revisions the database will be at afterwards.
	Target []string
	// Steps are the migrations to run, in order.
	Steps []*Migration
}

// Plan computes the migrations that take a database at current (its
// revisions; empty for base) to target, in direction dir.
//
// Targets: "head" (the single head; ErrMultipleHeads when there are
// several), "heads" (every head), "base" (nothing applied), a full revision
// ID or a unique prefix of one, several joined by "+" (both branches of a
// merge, say), and "+N" (upgrade) or "-N" (downgrade) for N steps from the
// current revision.
//
// An upgrade applies every migration the target needs that is not applied;
// a target that is already applied gives an empty plan. A downgrade to a
// revision unapplies everything applied that follows it, and fails with
// ErrInvalidTarget when the revision is not applied.
func (g *Graph) Plan(current []string, target string, dir Direction) (*Plan, error) {
	cur, err := g.checkCurrent(current)
	if err != nil {
		return nil, err
	}
	applied := g.closure(cur)
	final, err := g.targetSet(applied, cur, target, dir)
	if err != nil {
		return nil, err
	}
	p := &Plan{Direction: dir, Current: cur, Target: g.maximal(final)}
	for _, m := range g.order {
		switch {
		case dir == Up && final[m.Revision] && !applied[m.Revision]:
			p.Steps = append(p.Steps, m)
		case dir == Down && applied[m.Revision] && !final[m.Revision]:
			p.Steps = append(p.Steps, m)
		}
	}
	if dir == Down {
		slices.Reverse(p.Steps)
	}
	return p, nil
}

// checkCurrent resolves the recorded revisions, which must all be known, and
// drops any that another one follows (a well-kept version table has none).
func (g *Graph) checkCurrent(current []string) ([]string, error) {
	var cur []string
	for _, r := range current {
		if _, ok := g.pos[r]; !ok {
			return nil, errorOf([]error{ErrUnknownRevision},
				"the database is at revision %s, which the %s chain does not have", r, g.dialect.Title())
		}
		cur = append(cur, r)
	}
	return g.maximal(g.closure(cur)), nil
}

// targetSet resolves target into the set of revisions applied afterwards
// (closed under parents).
func (g *Graph) targetSet(applied map[string]bool, cur []string, target string, dir Direction) (map[string]bool, error) {
	union := func(revs ...string) map[string]bool {
		out := g.closure(revs)
		for r := range applied {
			out[r] = true
		}
		return out
	}
	t := strings.TrimSpace(target)
	switch {
	case t == "base":
		if dir == Up {
			return applied, nil
		}
		return map[string]bool{}, nil
	case t == "heads":
		if dir == Up {
			return union(g.heads...), nil
		}
		return applied, nil
	case t == "head":
		if len(g.heads) > 1 {
			return nil, g.multipleHeads()
		}
		if dir == Up {
			return union(g.heads...), nil
		}
		if len(g.heads) == 0 {
			return applied, nil
		}
		return g.downTo(applied, g.heads[0])
	case strings.HasPrefix(t, "+") || strings.HasPrefix(t, "-"):
		n, err := strconv.Atoi(t[1:])
		if err != nil || n <= 0 {
			return nil, errorOf([]error{ErrInvalidTarget}, "relative target %q: want +N or -N with N a positive number", target)
		}
		if (t[0] == '+') != (dir == Up) {
			return nil, errorOf([]error{ErrInvalidTarget}, "relative target %q does not go in the %s direction", target, dir)
		}
		if dir == Up {
			heads := g.headsAhead(cur)
			// Walk towards the heads that follow the database: the steps
			// must lead to all of them, or the walk is ambiguous.
			common, any := map[string]bool{}, map[string]bool{}
			for i, h := range heads {
				c := g.closure([]string{h})
				for r := range c {
					any[r] = true
				}
				if i == 0 {
					common = c
					continue
				}
				for r := range common {
					if !c[r] {
						delete(common, r)
					}
				}
			}
			var ahead []string
			for _, m := range g.order {
				if r := m.Revision; any[r] && !applied[r] {
					ahead = append(ahead, r)
				}
			}
			if n > len(ahead) {
				return nil, errorOf([]error{ErrInvalidTarget}, "only %d migration(s) are ahead of the current revision", len(ahead))
			}
			for _, r := range ahead[:n] {
				if !common[r] {
					return nil, errorOf([]error{ErrMultipleHeads}, "%s is ambiguous: the chain branches towards heads %s; upgrade to one of them by revision (or merge them)",
						target, strings.Join(heads, ", "))
				}
			}
			return union(ahead[:n]...), nil
		}
		if len(cur) > 1 {
			return nil, errorOf([]error{ErrMultipleHeads}, "the database is at several revisions (%s); name the revision to downgrade to", strings.Join(cur, ", "))
		}
		var done []string
		for _, m := range g.order {
			if applied[m.Revision] {
				done = append(done, m.Revision)
			}
		}
		if n > len(done) {
			return nil, errorOf([]error{ErrInvalidTarget}, "only %d migration(s) are applied", len(done))
		}
		out := map[string]bool{}
		for _, r := range done[:len(done)-n] {
			out[r] = true
		}
		return out, nil
	case t == "":
		return nil, errorOf([]error{ErrInvalidTarget}, "empty target; use head, base, a revision, +N or -N")
	}
	var revs []string
	for _, part := range strings.Split(t, "+") {
		rev, err := g.Resolve(strings.TrimSpace(part))
		if err != nil {
			return nil, err
		}
		revs = append(revs, rev)
	}
	if dir == Up {
		return union(revs...), nil
	}
	out := applied
	for _, rev := range revs {
		var err error
		if out, err = g.downTo(out, rev); err != nil {
			return nil, err
		}
	}
	// Downgrading to several revisions keeps each of them.
	for r := range g.closure(revs) {
		out[r] = true
	}
	return out, nil
}

// headsAhead returns the heads that follow every one of the database's
// revisions cur (all heads at base): where a relative upgrade ("+N") can
// lead.
func (g *Graph) headsAhead(cur []string) []string {
	var out []string
	for _, h := range g.heads {
		ancestors := g.closure([]string{h})
		follows := true
		for _, c := range cur {
			if !ancestors[c] {
				follows = false
				break
			}
		}
		if follows {
			out = append(out, h)
		}
	}
	return out
}

// downTo is the applied set after downgrading to rev: everything applied
// that follows rev is removed. rev must be applied.
func (g *Graph) downTo(applied map[string]bool, rev string) (map[string]bool, error) {
	if !applied[rev] {
		return nil, errorOf([]error{ErrInvalidTarget}, "cannot downgrade to %s: it is not applied", rev)
	}
	remove := g.descendants(rev)
	out := map[string]bool{}
	for r := range applied {
		if !remove[r] {
			out[r] = true
		}
	}
	return out, nil
}

func (g *Graph) multipleHeads() error {
	return errorOf([]error{ErrMultipleHeads}, "multiple heads: %s; merge them (autogen merge) or name one (a revision, or heads for all of them)", strings.Join(g.heads, ", "))
}

// closure is revs with all their ancestors.
func (g *Graph) closure(revs []string) map[string]bool {
	out := map[string]bool{}
	stack := slices.Clone(revs)
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if out[r] {
			continue
		}
		out[r] = true
		if m := g.Migration(r); m != nil {
			stack = append(stack, m.DownRevisions...)
		}
	}
	return out
}

// descendants is every revision that follows rev, directly or not (rev
// itself excluded).
func (g *Graph) descendants(rev string) map[string]bool {
	out := map[string]bool{}
	stack := slices.Clone(g.children[rev])
	for len(stack) > 0 {
		r := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if out[r] {
			continue
		}
		out[r] = true
		stack = append(stack, g.children[r]...)
	}
	return out
}

// maximal returns the members of set that no other member follows, in
// topological order: the heads of a parent-closed set.
func (g *Graph) maximal(set map[string]bool) []string {
	var out []string
	for _, m := range g.order {
		if !set[m.Revision] {
			continue
		}
		top := true
		for _, ch := range g.children[m.Revision] {
			if set[ch] {
				top = false
				break
			}
		}
		if top {
			out = append(out, m.Revision)
		}
	}
	return out
}

// next returns the next migration to run to move a database at current
// (its heads) towards the parent-closed set final, or nil when there is
// nothing left to do. The runner calls it again after every step, with the
// revisions re-read inside the step's transaction, so that a migration
// another process applied meanwhile is not applied twice.
func (g *Graph) next(current []string, final map[string]bool, dir Direction) (*Migration, error) {
	cur, err := g.checkCurrent(current)
	if err != nil {
		return nil, err
	}
	applied := g.closure(cur)
	if dir == Up {
		for _, m := range g.order {
			if final[m.Revision] && !applied[m.Revision] {
				return m, nil
			}
		}
		return nil, nil
	}
	for i := len(g.order) - 1; i >= 0; i-- {
		m := g.order[i]
		if applied[m.Revision] && !final[m.Revision] {
			return m, nil
		}
	}
	return nil, nil
}

// after returns the heads after running m in direction dir on a database at
// heads: an upgrade replaces m's parents by m; a downgrade replaces m by
// those of its parents that no remaining head follows.
func (g *Graph) after(heads []string, m *Migration, dir Direction) []string {
	set := map[string]bool{}
	for _, h := range heads {
		set[h] = true
	}
	if dir == Up {
		for _, p := range m.DownRevisions {
			delete(set, p)
		}
		set[m.Revision] = true
		return g.maximal(g.closure(keys(set)))
	}
	delete(set, m.Revision)
	rest := g.closure(keys(set))
	for _, p := range m.DownRevisions {
		rest[p] = true
	}
	for r := range g.closure(m.DownRevisions) {
		rest[r] = true
	}
	return g.maximal(rest)
}

// ancestors is every revision m follows, directly or not, in topological
// order (m excluded).
func (g *Graph) ancestors(m *Migration) []*Migration {
	set := g.closure(m.DownRevisions)
	var out []*Migration
	for _, x := range g.order {
		if set[x.Revision] {
			out = append(out, x)
		}
	}
	return out
}

func keys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
