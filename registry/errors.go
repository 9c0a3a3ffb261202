// This file holds the error type of dependency fetching and its stable
// codes.

package registry

import (
	"errors"
	"fmt"

	"akua.dev/akua/kcl/diag"
)

// Error codes of fetching, caching, unpacking and resolving dependencies.
// They are stable: --json output carries them and tests match on them.
const (
	// Unpacking (archive.go): each refusal has its own code.
	CodeArchiveTraversal = "E_ARCHIVE_TRAVERSAL"        // an entry name with a .. component
	CodeArchiveAbsolute  = "E_ARCHIVE_ABSOLUTE"         // an absolute entry name
	CodeArchiveLink      = "E_ARCHIVE_LINK"             // a symlink or hard link entry
	CodeArchiveTooLarge  = "E_ARCHIVE_TOO_LARGE"        // more bytes than the cap (decompression bombs)
	CodeArchiveEntries   = "E_ARCHIVE_TOO_MANY_ENTRIES" // more entries than the cap
	CodeArchiveType      = "E_ARCHIVE_ENTRY_TYPE"       // a device, fifo or other special entry
	CodeArchiveInvalid   = "E_ARCHIVE_INVALID"          // not a readable tar or tar.gz, or a duplicate entry

	// Content checks.
	CodeDigestMismatch = "E_DIGEST_MISMATCH" // content differs from the digest the lock pins
	CodeCacheCorrupt   = "E_CACHE_CORRUPT"   // a cache entry no longer matches its digest
	CodeSymlink        = "E_DEP_SYMLINK"     // a dependency tree holds a symlink (SPEC §6 refuses them)

	// Fetching.
	CodeOffline  = "E_OFFLINE"       // --offline and the content is not cached or vendored
	CodeFetch    = "E_FETCH"         // network or server failure
	CodeNotFound = "E_DEP_NOT_FOUND" // no such chart, tag, repository or directory
	CodeNoMatch  = "E_DEP_NO_MATCH"  // no version satisfies the declared range
	CodeGit      = "E_GIT"           // a git operation failed
	CodeKind     = "E_DEP_KIND"      // an artifact akua cannot use as this dependency
	CodeIO       = "E_IO"            // a local file system failure

	// Lock state (package resolve).
	CodeLockAbsent = "E_LOCK_ABSENT" // dependencies are declared but akua.lock does not exist
	CodeLockStale  = "E_LOCK_STALE"  // akua.lock does not match akua.toml
	CodeLockDrift  = "E_LOCK_DRIFT"  // `akua lock --check`: the lock would change
)

// titles gives each code the title diagnostics show after it.
var titles = map[string]string{
	CodeArchiveTraversal: "ArchivePathTraversal",
	CodeArchiveAbsolute:  "ArchiveAbsolutePath",
	CodeArchiveLink:      "ArchiveLink",
	CodeArchiveTooLarge:  "ArchiveTooLarge",
	CodeArchiveEntries:   "ArchiveTooManyEntries",
	CodeArchiveType:      "ArchiveEntryType",
	CodeArchiveInvalid:   "ArchiveInvalid",
	CodeDigestMismatch:   "DigestMismatch",
	CodeCacheCorrupt:     "CacheCorrupt",
	CodeSymlink:          "SymlinkRefused",
	CodeOffline:          "Offline",
	CodeFetch:            "FetchError",
	CodeNotFound:         "DependencyNotFound",
	CodeNoMatch:          "NoMatchingVersion",
	CodeGit:              "GitError",
	CodeKind:             "UnsupportedArtifact",
	CodeIO:               "IOError",
	CodeLockAbsent:       "LockMissing",
	CodeLockStale:        "LockStale",
	CodeLockDrift:        "LockDrift",
}

// An Error is a failure to fetch, unpack, cache or verify a dependency.
// As an error it converts to a *diag.Diagnostic (errors.As), so the CLI
// and the render pipeline print it with its code like any diagnostic.
type Error struct {
	Code   string // one of the Code* constants
	Msg    string // lowercase, no trailing period
	Help   string // what to do, may be empty
	System bool   // not the user's fault (network, disk): exit code 2
	Err    error  // the cause, may be nil
}

// Errorf returns an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Wrap returns an *Error for cause with a message.
func Wrap(code string, cause error, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...), Err: cause,
		System: code == CodeFetch || code == CodeIO}
}

// WithHelp sets e's suggestion and returns e.
func (e *Error) WithHelp(format string, args ...any) *Error {
	e.Help = fmt.Sprintf(format, args...)
	return e
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// As lets errors.As find a *diag.Diagnostic in e.
func (e *Error) As(target any) bool {
	if d, ok := target.(**diag.Diagnostic); ok {
		*d = &diag.Diagnostic{Code: diag.Code{ID: e.Code, Title: titles[e.Code]}, Message: e.Error(), Suggestion: e.Help}
		return true
	}
	return false
}

// CodeOf returns the code of the first *Error in err's chain, or "".
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
