//go:build unix

package cli

import (
	"os"
	"syscall"
)

// tryLock takes an exclusive advisory lock on f without waiting; false
// when another process holds it.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == syscall.EWOULDBLOCK {
		return false, nil
	}
	return err == nil, err
}

// killedBy returns the signal that ended a process, if one did, and
// whether it was SIGPIPE (its reader went away).
func killedBy(state *os.ProcessState) (sig int, pipe, ok bool) {
	ws, isWait := state.Sys().(syscall.WaitStatus)
	if !isWait || !ws.Signaled() {
		return 0, false, false
	}
	return int(ws.Signal()), ws.Signal() == syscall.SIGPIPE, true
}
