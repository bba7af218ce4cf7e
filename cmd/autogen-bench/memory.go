package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"time"

	"github.com/autogen-dev/autogen/diff"
	"github.com/autogen-dev/autogen/internal/schemagen"
	"github.com/autogen-dev/autogen/schema"
)

// memoryChildArg makes the command a child that reflects two databases,
// compares them and reports its peak memory: a fresh process, so that the
// figure is reflection plus comparison and nothing the parent did.
const memoryChildArg = "-memory-child"

// memoryResult is what the child reports.
type memoryResult struct {
	MaxRSSMiB float64 `json:"max_rss_mib"`
	HeapMiB   float64 `json:"heap_mib"`
	Seconds   float64 `json:"seconds"`
	Changes   int     `json:"changes"`
}

// measureMemory runs the child on databases a (current) and b (desired).
func measureMemory(ctx context.Context, d schema.Dialect, a, b string, changes int) (*memoryResult, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, self, memoryChildArg, string(d), a, b, fmt.Sprint(changes))
	var out, errBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errBuf
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("memory child: %v\n%s", err, errBuf.String())
	}
	var r memoryResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return nil, fmt.Errorf("memory child printed %q: %v", out.String(), err)
	}
	return &r, nil
}

// memoryChild is the child's main: args are the dialect, the two database
// URLs and the number of changes the model was mutated with (to rebuild
// the same model).
func memoryChild(args []string) int {
	if len(args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: autogen-bench -memory-child DIALECT CURRENT DESIRED CHANGES")
		return 2
	}
	d := schema.Dialect(args[0])
	var changes int
	fmt.Sscan(args[3], &changes)
	ctx := context.Background()
	start := time.Now()
	cur, err := reflectURL(ctx, d, args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	want, err := reflectURL(ctx, d, args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	a := schemagen.Generate(schemagen.Config{Tables: len(cur.Tables), Seed: 1})
	m, _ := schemagen.Mutate(a, schemagen.MutateConfig{Changes: changes, Seed: 2})
	model, err := m.Resolve()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	filter := diff.DefaultFilter()
	res, err := diff.Compare(d, cur, want, diff.Options{Model: model, Filter: &filter})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	elapsed := time.Since(start)
	runtime.KeepAlive(cur)
	runtime.KeepAlive(want)
	json.NewEncoder(os.Stdout).Encode(memoryResult{
		MaxRSSMiB: maxRSS(),
		HeapMiB:   heapPeakMiB(),
		Seconds:   elapsed.Seconds(),
		Changes:   len(res.Changes),
	})
	return 0
}

// heapPeakMiB is the most memory the Go runtime has mapped for the heap
// (a high-water mark, unlike the live heap).
func heapPeakMiB() float64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapSys) / (1 << 20)
}
