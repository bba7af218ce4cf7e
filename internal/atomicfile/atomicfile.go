// Package atomicfile writes files so that a reader never sees half a file
// and a failed write leaves nothing behind: each file is written to a
// temporary name in its own directory and renamed into place. A Set writes
// several files all or nothing.
package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// WriteFile writes data to path atomically, creating path's directory
// when needed.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	var s Set
	s.Add(path, data, perm)
	return s.Commit()
}

// Set is a group of files written all or nothing.
type Set struct {
	files []file
}

type file struct {
	path string
	data []byte
	perm os.FileMode
}

// Add queues a file; nothing is written until Commit.
func (s *Set) Add(path string, data []byte, perm os.FileMode) {
	s.files = append(s.files, file{path: path, data: data, perm: perm})
}

// Commit writes every queued file to a temporary name, then renames them
// all into place. When any step fails, the temporary files are removed,
// files already renamed into place are restored to their previous content
// (or removed when they did not exist), and the error is returned.
func (s *Set) Commit() (err error) {
	type staged struct {
		file
		tmp     string
		old     []byte
		existed bool
		renamed bool
	}
	stage := make([]*staged, 0, len(s.files))
	defer func() {
		if err == nil {
			return
		}
		for _, f := range stage {
			if f.tmp != "" {
				os.Remove(f.tmp)
			}
			if !f.renamed {
				continue
			}
			if f.existed {
				if rerr := os.WriteFile(f.path, f.old, f.perm); rerr != nil {
					err = errors.Join(err, fmt.Errorf("restore %s: %w", f.path, rerr))
				}
			} else {
				os.Remove(f.path)
			}
		}
	}()
	for _, f := range s.files {
		st := &staged{file: f}
		stage = append(stage, st)
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return fmt.Errorf("create directory for %s: %w", f.path, err)
		}
		if old, rerr := os.ReadFile(f.path); rerr == nil {
			st.old, st.existed = old, true
		}
		tmp, err := os.CreateTemp(filepath.Dir(f.path), "."+filepath.Base(f.path)+".tmp*")
		if err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
		st.tmp = tmp.Name()
		_, werr := tmp.Write(f.data)
		if werr == nil {
			werr = tmp.Sync()
		}
		if cerr := tmp.Close(); werr == nil {
			werr = cerr
		}
		if werr == nil {
			werr = os.Chmod(tmp.Name(), f.perm)
		}
		if werr != nil {
			return fmt.Errorf("write %s: %w", f.path, werr)
		}
	}
	for _, st := range stage {
		if err := os.Rename(st.tmp, st.path); err != nil {
			return fmt.Errorf("write %s: %w", st.path, err)
		}
		st.tmp, st.renamed = "", true
	}
	return nil
}
