package migrations

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/autogen-dev/autogen/schema"
)

// chainOf builds a chain from "rev:parent1,parent2" specs.
func chainOf(specs ...string) *Chain {
	c := NewChain(schema.SQLite)
	for _, s := range specs {
		rev, parents, _ := strings.Cut(s, ":")
		var down []string
		if parents != "" {
			down = strings.Split(parents, ",")
		}
		c.Add(Migration{Revision: rev, DownRevisions: down, Message: "msg " + rev})
	}
	return c
}

func mustGraph(t *testing.T, c *Chain) *Graph {
	t.Helper()
	g, err := c.Graph()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func revs(ms []*Migration) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Revision)
	}
	return strings.Join(out, " ")
}

func TestGraphErrors(t *testing.T) {
	cases := []struct {
		name  string
		chain *Chain
		is    []error
		want  []string
	}{
		{"duplicate", chainOf("a1", "b2:a1", "a1"), []error{ErrInvalidChain, ErrDuplicateRevision},
			[]string{`revision a1 is declared twice (messages "msg a1" and "msg a1")`}},
		{"missing parent", chainOf("a1", "b2:zz"), []error{ErrInvalidChain, ErrMissingParent},
			[]string{`revision b2 ("msg b2") follows revision zz, which is not in the chain`}},
		{"cycle", chainOf("a1", "b2:a1,d4", "c3:b2", "d4:c3"), []error{ErrInvalidChain, ErrCycle},
			[]string{"form a cycle", "b2", "c3", "d4"}},
		{"self cycle", chainOf("a1:a1"), []error{ErrCycle}, []string{"revisions a1 -> a1 form a cycle"}},
		{"no ID", chainOf(""), []error{ErrInvalidChain}, []string{"a migration has no revision ID"}},
		{"every problem at once", chainOf("a1", "a1", "b2:zz", "c3:d4", "d4:c3"),
			[]error{ErrDuplicateRevision, ErrMissingParent, ErrCycle}, []string{"declared twice", "not in the chain", "cycle"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.chain.Graph()
			if err == nil {
				t.Fatal("no error")
			}
			for _, is := range c.is {
				if !errors.Is(err, is) {
					t.Errorf("error %q is not %v", err, is)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	// The cycle is reported as a path.
	_, err := chainOf("a1", "b2:a1,d4", "c3:b2", "d4:c3").Graph()
	// In upgrade order: c3 follows b2, d4 follows c3, b2 follows d4.
	if !strings.Contains(err.Error(), "revisions b2 -> c3 -> d4 -> b2 form a cycle") {
		t.Errorf("cycle message: %q", err)
	}
}

func TestGraphLinear(t *testing.T) {
	// Registered out of order: order comes from the links.
	g := mustGraph(t, chainOf("c3:b2", "a1", "e5:d4", "b2:a1", "d4:c3"))
	if got := revs(g.Migrations()); got != "a1 b2 c3 d4 e5" {
		t.Errorf("order %s", got)
	}
	if h, b := g.Heads(), g.Bases(); !slices.Equal(h, []string{"e5"}) || !slices.Equal(b, []string{"a1"}) {
		t.Errorf("heads %v bases %v", h, b)
	}
	plans := []struct {
		cur    []string
		target string
		dir    Direction
		steps  string
		final  string
	}{
		{nil, "head", Up, "a1 b2 c3 d4 e5", "e5"},
		{nil, "heads", Up, "a1 b2 c3 d4 e5", "e5"},
		{nil, "c", Up, "a1 b2 c3", "c3"},
		{[]string{"b2"}, "+2", Up, "c3 d4", "d4"},
		{[]string{"b2"}, "+3", Up, "c3 d4 e5", "e5"},
		{[]string{"e5"}, "head", Up, "", "e5"},
		{[]string{"e5"}, "b2", Up, "", "e5"}, // already applied: nothing to do
		{[]string{"e5"}, "-2", Down, "e5 d4", "c3"},
		{[]string{"e5"}, "b2", Down, "e5 d4 c3", "b2"},
		{[]string{"e5"}, "base", Down, "e5 d4 c3 b2 a1", ""},
		{[]string{"c3"}, "-3", Down, "c3 b2 a1", ""},
		{nil, "base", Down, "", ""},
		{[]string{"c3"}, "base", Up, "", "c3"},
	}
	for _, p := range plans {
		plan, err := g.Plan(p.cur, p.target, p.dir)
		if err != nil {
			t.Errorf("%v %s %s: %v", p.cur, p.dir, p.target, err)
			continue
		}
		if got := revs(plan.Steps); got != p.steps {
			t.Errorf("%v %s %s: steps %q, want %q", p.cur, p.dir, p.target, got, p.steps)
		}
		if got := strings.Join(plan.Target, " "); got != p.final {
			t.Errorf("%v %s %s: target %q, want %q", p.cur, p.dir, p.target, got, p.final)
		}
	}
	bad := []struct {
		cur    []string
		target string
		dir    Direction
		is     error
		want   string
	}{
		{[]string{"b2"}, "+4", Up, ErrInvalidTarget, "only 3 migration(s) are ahead"},
		{[]string{"b2"}, "-3", Down, ErrInvalidTarget, "only 2 migration(s) are applied"},
		{nil, "-1", Up, ErrInvalidTarget, `relative target "-1" does not go in the upgrade direction`},
		{nil, "+x", Up, ErrInvalidTarget, "want +N or -N"},
		{[]string{"b2"}, "d4", Down, ErrInvalidTarget, "cannot downgrade to d4: it is not applied"},
		{nil, "zz", Up, ErrUnknownRevision, "revision zz is not in the SQLite chain"},
		{[]string{"zz9"}, "head", Up, ErrUnknownRevision, "the database is at revision zz9, which the SQLite chain does not have"},
		{nil, "", Up, ErrInvalidTarget, "empty target"},
	}
	for _, b := range bad {
		_, err := g.Plan(b.cur, b.target, b.dir)
		if !errors.Is(err, b.is) || !strings.Contains(fmt.Sprint(err), b.want) {
			t.Errorf("%v %s %q: error %v, want %v containing %q", b.cur, b.dir, b.target, err, b.is, b.want)
		}
	}
}

func TestGraphResolve(t *testing.T) {
	g := mustGraph(t, chainOf("abc123", "abd456:abc123", "ffe789:abd456"))
	for id, want := range map[string]string{"abc123": "abc123", "abc": "abc123", "abd": "abd456", "f": "ffe789"} {
		if got, err := g.Resolve(id); err != nil || got != want {
			t.Errorf("Resolve(%q) = %q, %v", id, got, err)
		}
	}
	_, err := g.Resolve("ab")
	if !errors.Is(err, ErrAmbiguousRevision) || err.Error() != "revision prefix ab is ambiguous: it matches abc123, abd456" {
		t.Errorf("ambiguous: %v", err)
	}
	if _, err := g.Resolve("x"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("unknown: %v", err)
	}
}

func TestGraphBranches(t *testing.T) {
	//      b2 - c3
	// a1 <          > m5
	//      d4 ------
	g := mustGraph(t, chainOf("a1", "b2:a1", "c3:b2", "d4:a1"))
	if h := g.Heads(); !slices.Equal(h, []string{"c3", "d4"}) {
		t.Fatalf("heads %v", h)
	}
	if _, err := g.Plan(nil, "head", Up); !errors.Is(err, ErrMultipleHeads) || err.Error() != "multiple heads: c3, d4; merge them (autogen merge) or name one (a revision, or heads for all of them)" {
		t.Errorf("head: error %v", err)
	}
	// Relative steps work while they lead to every head, and say so when
	// they would have to choose a branch.
	if p, err := g.Plan(nil, "+1", Up); err != nil || revs(p.Steps) != "a1" {
		t.Errorf("+1 from base: %v %v", p, err)
	}
	if _, err := g.Plan(nil, "+2", Up); !errors.Is(err, ErrMultipleHeads) || !strings.Contains(err.Error(), "+2 is ambiguous: the chain branches towards heads c3, d4") {
		t.Errorf("+2 from base: %v", err)
	}
	if p, err := g.Plan([]string{"b2"}, "+1", Up); err != nil || revs(p.Steps) != "c3" {
		t.Errorf("+1 from b2 follows its branch: %v %v", p, err)
	}
	if _, err := g.Plan([]string{"c3"}, "+1", Up); !errors.Is(err, ErrInvalidTarget) {
		t.Errorf("+1 from the head c3: %v", err)
	}
	p, err := g.Plan(nil, "heads", Up)
	if err != nil || revs(p.Steps) != "a1 b2 c3 d4" || strings.Join(p.Target, " ") != "c3 d4" {
		t.Fatalf("heads: %v %v %v", p, err, p.Target)
	}
	// The version rows through the steps.
	var heads []string
	for _, m := range p.Steps {
		heads = g.after(heads, m, Up)
	}
	if !slices.Equal(heads, []string{"c3", "d4"}) {
		t.Errorf("heads after upgrading both branches: %v", heads)
	}
	if _, err := g.Plan(heads, "-1", Down); !errors.Is(err, ErrMultipleHeads) {
		t.Errorf("-1 with two heads: %v", err)
	}
	// Downgrading one branch leaves the other alone.
	p, err = g.Plan(heads, "b2", Down)
	if err != nil || revs(p.Steps) != "c3" || strings.Join(p.Target, " ") != "b2 d4" {
		t.Errorf("down to b2: %v %v", p, err)
	}
	if got := g.after(heads, g.Migration("c3"), Down); !slices.Equal(got, []string{"b2", "d4"}) {
		t.Errorf("after unapplying c3: %v", got)
	}
	if got := g.after([]string{"b2", "d4"}, g.Migration("d4"), Down); !slices.Equal(got, []string{"b2"}) {
		t.Errorf("after unapplying d4 (a1 is still below b2): %v", got)
	}

	// A merge joins them.
	g = mustGraph(t, chainOf("a1", "b2:a1", "c3:b2", "d4:a1", "m5:c3,d4"))
	if h := g.Heads(); !slices.Equal(h, []string{"m5"}) {
		t.Fatalf("heads %v", h)
	}
	p, err = g.Plan([]string{"c3", "d4"}, "head", Up)
	if err != nil || revs(p.Steps) != "m5" {
		t.Fatalf("merge: %v %v", p, err)
	}
	if got := g.after([]string{"c3", "d4"}, g.Migration("m5"), Up); !slices.Equal(got, []string{"m5"}) {
		t.Errorf("after the merge: %v", got)
	}
	if got := g.after([]string{"m5"}, g.Migration("m5"), Down); !slices.Equal(got, []string{"c3", "d4"}) {
		t.Errorf("after unapplying the merge: %v", got)
	}
	// From one branch, head applies the other branch and the merge.
	p, err = g.Plan([]string{"c3"}, "head", Up)
	if err != nil || revs(p.Steps) != "d4 m5" {
		t.Errorf("from c3: %v %v", p, err)
	}
	// Down to both parents of the merge.
	p, err = g.Plan([]string{"m5"}, "c3+d4", Down)
	if err != nil || revs(p.Steps) != "m5" || strings.Join(p.Target, " ") != "c3 d4" {
		t.Errorf("m5 down to c3+d4: %v %v", p, err)
	}
	p, err = g.Plan([]string{"m5"}, "-2", Down)
	if err != nil || revs(p.Steps) != "m5 d4" || strings.Join(p.Target, " ") != "c3" {
		t.Errorf("m5 -2: %v %v", revs(p.Steps), err)
	}
}

func TestEmptyChain(t *testing.T) {
	g := mustGraph(t, NewChain(schema.Postgres))
	p, err := g.Plan(nil, "head", Up)
	if err != nil || len(p.Steps) != 0 || len(g.Heads()) != 0 {
		t.Errorf("empty chain: %v %v", p, err)
	}
}
