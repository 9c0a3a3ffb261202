package oci

// This file holds the errors callers test for with errors.Is / As.

import (
	"errors"
	"fmt"
	"io"

	"github.com/opencontainers/go-digest"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/errdef"
)

var (
	// ErrNotFound: the registry has no such manifest, blob, tag or
	// repository.
	ErrNotFound = errdef.ErrNotFound
	// ErrDigestMismatch: the registry served content that does not match
	// the digest (or size) it was asked for. The content is discarded.
	ErrDigestMismatch = errors.New("content does not match its digest")
	// ErrTooLarge: content is larger than the client's cap.
	ErrTooLarge = errdef.ErrSizeExceedsLimit
	// ErrTagExists: a push would overwrite an existing tag. See
	// TagExistsError.
	ErrTagExists = errors.New("tag already exists")
	// ErrUnsupportedManifest: the manifest is not a single image
	// manifest (an index, or an unknown media type).
	ErrUnsupportedManifest = errors.New("unsupported manifest")
)

// A TagExistsError is returned by Push when a tag already names a
// manifest and the push was not forced. Versions are immutable (SPEC
// §10): a published tag never changes unless the publisher says so.
type TagExistsError struct {
	Ref    Ref           // the tag that exists
	Digest digest.Digest // what it names now
	Same   bool          // whether it names the very manifest being pushed
}

func (e *TagExistsError) Error() string {
	if e.Same {
		return fmt.Sprintf("%s already exists (same content, %s); published versions are immutable", e.Ref, e.Digest)
	}
	return fmt.Sprintf("%s already exists (%s); published versions are immutable", e.Ref, e.Digest)
}

// Is makes errors.Is(err, ErrTagExists) true.
func (e *TagExistsError) Is(target error) bool { return target == ErrTagExists }

// verifyError turns a failed read-and-verify into ErrDigestMismatch when
// the content was wrong, and leaves other errors (network, context) as
// they are.
func verifyError(what string, d digest.Digest, err error) error {
	if errors.Is(err, content.ErrMismatchedDigest) || errors.Is(err, content.ErrTrailingData) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, content.ErrInvalidDescriptorSize) {
		return fmt.Errorf("%s %s: %w (%v)", what, d, ErrDigestMismatch, err)
	}
	return fmt.Errorf("%s %s: %w", what, d, err)
}
