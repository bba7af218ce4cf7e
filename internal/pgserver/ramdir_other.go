//go:build !linux

package pgserver

// ramDir returns "": only Linux has a RAM-backed directory we rely on.
func ramDir() string { return "" }
