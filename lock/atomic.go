// This file holds the atomic file write both akua.toml edits and
// akua.lock use.

package lock

import "akua.dev/akua/internal/atomicfile"

// WriteFileAtomic writes data to name atomically (see atomicfile.Write);
// an existing file keeps its mode, a new one is 0644.
func WriteFileAtomic(name string, data []byte) error {
	return atomicfile.Write(name, data, 0o644)
}
