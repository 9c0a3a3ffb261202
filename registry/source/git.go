// This file holds git dependencies, read with go-git: akua never runs a
// git binary (SPEC §0). A dependency is pinned by its commit (in the
// lock's source, git+<url>#<commit>) and by the tree digest of the
// commit's files (its digest).
//
// Local repositories (file:// URLs and paths) are opened in place, never
// through go-git's file transport, which would run git-upload-pack.
// Remote ones (https, ssh, git) are cloned bare into a temporary
// directory with go-git's pure-Go transports.

package source

import (
	"context"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/memory"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
)

// Git is the source of git dependencies.
type Git struct{ opts Options }

var scpLikeRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:`) })

// local returns the directory of a local repository URL, or false for a
// remote one.
func (g *Git) local(url string) (string, bool) {
	if p, ok := strings.CutPrefix(url, "file://"); ok {
		return filepath.FromSlash(p), true
	}
	if strings.Contains(url, "://") || scpLikeRE().MatchString(url) {
		return "", false
	}
	if filepath.IsAbs(url) {
		return url, true
	}
	return filepath.Join(g.opts.PkgDir, filepath.FromSlash(url)), true
}

func gitErr(err error, format string, args ...any) error {
	if err == nil || registry.CodeOf(err) != "" {
		return err
	}
	return registry.Wrap(registry.CodeGit, err, format, args...)
}

// open returns a repository holding ref (a tag name, or "" for all
// history) of url, and a cleanup function.
func (g *Git) open(ctx context.Context, url, tag string) (*git.Repository, func(), error) {
	if dir, ok := g.local(url); ok {
		repo, err := git.PlainOpen(dir)
		if err != nil {
			return nil, nil, registry.Wrap(registry.CodeNotFound, err, "opening the git repository %s", url)
		}
		return repo, func() {}, nil
	}
	if g.opts.Offline {
		return nil, nil, offline(url, url)
	}
	tmp, err := os.MkdirTemp("", "akua-git-*")
	if err != nil {
		return nil, nil, registry.Wrap(registry.CodeIO, err, "creating a temporary directory")
	}
	cleanup := func() { os.RemoveAll(tmp) }
	opts := &git.CloneOptions{URL: url, Tags: git.AllTags}
	if tag != "" {
		opts = &git.CloneOptions{URL: url, ReferenceName: plumbing.NewTagReferenceName(tag), SingleBranch: true, Depth: 1, Tags: git.NoTags}
	}
	repo, err := git.PlainCloneContext(ctx, tmp, true, opts)
	if err != nil {
		cleanup()
		return nil, nil, gitErr(err, "cloning %s", url)
	}
	return repo, cleanup, nil
}

// tags lists the tag names of url.
func (g *Git) tags(ctx context.Context, url string) ([]string, error) {
	var names []string
	if dir, ok := g.local(url); ok {
		repo, err := git.PlainOpen(dir)
		if err != nil {
			return nil, registry.Wrap(registry.CodeNotFound, err, "opening the git repository %s", url)
		}
		iter, err := repo.Tags()
		if err != nil {
			return nil, gitErr(err, "listing the tags of %s", url)
		}
		err = iter.ForEach(func(r *plumbing.Reference) error {
			names = append(names, r.Name().Short())
			return nil
		})
		return names, gitErr(err, "listing the tags of %s", url)
	}
	if g.opts.Offline {
		return nil, offline(url, url)
	}
	remote := git.NewRemote(memory.NewStorage(), &config.RemoteConfig{Name: "origin", URLs: []string{url}})
	refs, err := remote.ListContext(ctx, &git.ListOptions{})
	if err != nil {
		return nil, gitErr(err, "listing the tags of %s", url)
	}
	for _, r := range refs {
		if r.Name().IsTag() {
			names = append(names, r.Name().Short())
		}
	}
	return names, nil
}

// Resolve pins d: the highest tag matching d.Tag (an exact tag or a
// semver range over the tags), or the commit d.Rev names.
func (g *Git) Resolve(ctx context.Context, d lock.Dependency) (lock.Entry, error) {
	src := lock.SourceOf(d)
	e := lock.Entry{Name: d.Name, Version: d.Rev}
	rev, cloneTag := d.Rev, ""
	if d.Tag != "" {
		names, err := g.tags(ctx, src.URL)
		if err != nil {
			return e, err
		}
		tag, ok := lock.Highest(d.Tag, names)
		if !ok {
			sort.Strings(names)
			return e, registry.Errorf(registry.CodeNoMatch, "no tag of %s matches %s", src.URL, d.Tag).
				WithHelp("tags: %s", strings.Join(names, ", "))
		}
		e.Version, rev, cloneTag = tag, "refs/tags/"+tag, tag
	}
	repo, cleanup, err := g.open(ctx, src.URL, cloneTag)
	if err != nil {
		return e, err
	}
	defer cleanup()
	hash, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return e, registry.Wrap(registry.CodeNotFound, err, "%s has no revision %q", src.URL, e.Version)
	}
	src.Commit = hash.String()
	e.Source = src.String()
	e.Digest, err = g.store(repo, e)
	return e, err
}

// Fetch returns the files of the commit e pins, from the cache or the
// repository, checked against e.Digest.
func (g *Git) Fetch(ctx context.Context, e lock.Entry) (string, error) {
	if dir, ok, err := fromCache(g.opts.Cache, e.Digest, g.opts.Offline); ok || err != nil {
		return dir, err
	}
	src, err := lock.ParseSource(e.Source)
	if err != nil || src.Commit == "" {
		return "", registry.Errorf(registry.CodeLockStale, "akua.lock entry %q has no git commit", e.Name).WithHelp("run 'akua lock'")
	}
	// A tag is cloned shallow first; if it moved away from the locked
	// commit, the whole history is fetched to find the commit.
	tag := ""
	if _, isLocal := g.local(src.URL); !isLocal && e.Version != "" && !strings.HasPrefix(src.Commit, e.Version) {
		tag = e.Version
	}
	repo, cleanup, err := g.open(ctx, src.URL, tag)
	if err == nil && tag != "" {
		if _, cerr := repo.CommitObject(plumbing.NewHash(src.Commit)); cerr != nil {
			cleanup()
			repo, cleanup, err = g.open(ctx, src.URL, "")
		}
	}
	if err != nil && tag != "" && registry.CodeOf(err) != registry.CodeOffline {
		repo, cleanup, err = g.open(ctx, src.URL, "")
	}
	if err != nil {
		return "", err
	}
	defer cleanup()
	digest, err := g.store(repo, e)
	if err != nil {
		return "", err
	}
	if digest != e.Digest {
		return "", registry.Errorf(registry.CodeDigestMismatch, "commit %s of %s has content %s, but %s is locked", src.Commit, src.URL, digest, e.Digest).
			WithHelp("akua.lock was edited, or the repository rewrote history; run 'akua update %s' if the change is expected", e.Name)
	}
	return g.opts.Cache.Tree(digest)
}

// store digests the files of the commit in e.Source and writes them to
// the cache, returning the digest.
func (g *Git) store(repo *git.Repository, e lock.Entry) (string, error) {
	src, _ := lock.ParseSource(e.Source)
	commit, err := repo.CommitObject(plumbing.NewHash(src.Commit))
	if err != nil {
		return "", registry.Wrap(registry.CodeNotFound, err, "%s has no commit %s", src.URL, src.Commit)
	}
	tree, err := commit.Tree()
	if err != nil {
		return "", gitErr(err, "reading commit %s", src.Commit)
	}
	var files []*object.File
	err = tree.Files().ForEach(func(f *object.File) error {
		if registry.Skipped(f.Name) {
			return nil
		}
		if f.Mode == filemode.Symlink {
			return registry.Errorf(registry.CodeSymlink, "%s in %s is a symlink; dependency trees may hold only regular files", f.Name, src.URL)
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return "", gitErr(err, "reading commit %s", src.Commit)
	}
	tfs := make([]registry.TreeFile, len(files))
	for i, f := range files {
		tfs[i] = registry.TreeFile{Path: f.Name, Size: f.Size, Open: f.Reader}
	}
	digest, err := registry.TreeDigest(tfs)
	if err != nil {
		return "", gitErr(err, "reading commit %s", src.Commit)
	}
	if _, err := g.opts.Cache.Tree(digest); err == nil {
		return digest, nil
	}
	_, _, err = g.opts.Cache.PutTree(digest, registry.TreeInfo{Source: e.Source, Version: e.Version}, func(dir string) error {
		for _, f := range files {
			if err := writeGitFile(dir, f); err != nil {
				return err
			}
		}
		return os.MkdirAll(dir, 0o755) // an empty commit is an empty tree
	})
	return digest, err
}

func writeGitFile(dir string, f *object.File) error {
	p := filepath.Join(dir, filepath.FromSlash(path.Clean(f.Name)))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return registry.Wrap(registry.CodeIO, err, "writing the cache")
	}
	mode := os.FileMode(0o644)
	if f.Mode == filemode.Executable {
		mode = 0o755
	}
	r, err := f.Reader()
	if err != nil {
		return gitErr(err, "reading %s", f.Name)
	}
	defer r.Close()
	out, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return registry.Wrap(registry.CodeIO, err, "writing the cache")
	}
	_, err = io.Copy(out, r)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return registry.Wrap(registry.CodeIO, err, "writing the cache")
	}
	return nil
}
