// Package pack writes and reads akua package archives: the reproducible
// .tar.gz that `akua pack` writes and `akua publish` pushes as the
// package layer (SPEC §10).
//
// The archive depends only on the package's files, their relative paths
// and whether they are executable, so two checkouts of the same commit
// on two machines give the same bytes, hence the same sha256 and the
// same OCI layer digest:
//
//   - entries are sorted by path (bytes, '/'-separated); a directory
//     entry is written for each directory that holds a packed file, so
//     empty directories (which git does not keep) never matter;
//   - mtime is the Unix epoch, uid/gid 0, no user or group names;
//   - modes are 0644 for files, 0755 for directories and for files with
//     any execute bit;
//   - the gzip header has no name, no time and OS byte 255 ("unknown"),
//     and the compression level is fixed.
//
// The bytes are fixed for a given akua build: a Go release that changes
// compress/flate could change them, which is why the digest that
// matters is the published one, recorded in the consumer's lock.
//
// Left out: the top-level deploy/ and rendered/ directories (render
// output), every directory whose name starts with a dot (.git, .akua,
// editor and tool state) at any depth, and the top-level inputs.yaml
// (local inputs; inputs.example.yaml is kept). Symbolic links and other
// non-regular files are refused, not skipped: a package that relies on
// one would not be what it seems once packed.
package pack
