package pgserver

import "syscall"

// ramDir returns /dev/shm when it is a tmpfs with room to spare (at least
// 1 GiB free; Docker's default of 64 MiB is not enough), else "". A cluster
// there starts about 3x faster and creates databases about 10x faster than on
// a disk, even with fsync off.
func ramDir() string {
	const dir, tmpfsMagic = "/dev/shm", 0x01021994
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil || st.Type != tmpfsMagic {
		return ""
	}
	if uint64(st.Bavail)*uint64(st.Bsize) < 1<<30 {
		return ""
	}
	return dir
}
