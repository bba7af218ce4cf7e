//go:build !unix

package cli

import "os"

// tryLock takes no lock where advisory file locks are not available:
// commands that write the project are not serialized there.
func tryLock(*os.File) (bool, error) { return true, nil }

// killedBy reports no signal: processes end with an exit code here.
func killedBy(*os.ProcessState) (sig int, pipe, ok bool) { return 0, false, false }
