// Package lock holds akua's two dependency files (SPEC §6): akua.toml,
// the manifest a package author writes, and akua.lock, the pins akua
// writes. It parses both strictly (an unknown key or a wrong type is a
// positioned diagnostic, because a typo must not silently disable
// signing), writes akua.lock canonically and atomically, edits akua.toml
// without disturbing the author's comments and layout, and matches
// versions against semver pins and ranges.
//
// The package does no network or cache I/O: fetching and verifying
// dependencies is package registry/resolve's job.
package lock

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"akua.dev/akua/kcl/diag"
)

// File names and the one edition akua knows.
const (
	ManifestFile = "akua.toml"
	LockFile     = "akua.lock"
	Edition      = "akua.dev/v1alpha1"
)

// A Manifest is a parsed akua.toml.
type Manifest struct {
	File         string // the path it was read from, for diagnostics
	Package      Package
	Signing      Signing
	Dependencies []Dependency // sorted by name
}

// Package is akua.toml's [package] table.
type Package struct {
	Name          string
	Version       string // semver, may be empty
	Edition       string // Edition, may be empty
	StrictSigning bool
}

// Signing is akua.toml's [signing] table.
type Signing struct {
	CosignPublicKey  string
	CosignPrivateKey string
}

// A Kind is where a dependency comes from.
type Kind string

// The dependency kinds, named by their akua.toml key.
const (
	KindOCI  Kind = "oci"  // oci = "oci://host/repo", version
	KindGit  Kind = "git"  // git = url, tag | rev
	KindPath Kind = "path" // path = "../dir"
	KindHelm Kind = "repo" // repo = "https://...", chart, version
)

// A Dependency is one [dependencies.<name>] entry. Exactly one of OCI,
// Git, Path and Repo is set.
type Dependency struct {
	Name    string
	OCI     string // oci://host/repo
	Git     string // a git URL
	Path    string // relative to the package directory, with /
	Repo    string // a classic Helm repository URL
	Chart   string // the chart's name in Repo
	Version string // OCI and Helm: an exact version or a semver range
	Tag     string // git: a tag, or a semver range over the tags
	Rev     string // git: a commit, branch or other revision
	Replace string // replace = { path = ... }: use this directory instead
	Pos     diag.Pos
}

// Kind returns where d comes from.
func (d Dependency) Kind() Kind {
	switch {
	case d.OCI != "":
		return KindOCI
	case d.Git != "":
		return KindGit
	case d.Repo != "":
		return KindHelm
	}
	return KindPath
}

// Constraint returns the version requirement d declares: Version, or for
// git dependencies Tag or Rev.
func (d Dependency) Constraint() string {
	switch {
	case d.Git != "" && d.Tag != "":
		return d.Tag
	case d.Git != "":
		return d.Rev
	}
	return d.Version
}

// Dependency returns the dependency called name.
func (m *Manifest) Dependency(name string) (Dependency, bool) {
	for _, d := range m.Dependencies {
		if d.Name == name {
			return d, true
		}
	}
	return Dependency{}, false
}

// LoadManifest reads and parses dir/akua.toml. A missing file is an
// error satisfying errors.Is(err, fs.ErrNotExist).
func LoadManifest(dir string) (*Manifest, error) {
	name := filepath.Join(dir, ManifestFile)
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return ParseManifest(name, src)
}

var identRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`) })

// ParseManifest parses akua.toml text; file names it in diagnostics. The
// error, if any, is a diag.List.
func ParseManifest(file string, src []byte) (*Manifest, error) {
	doc, r, err := decode(file, src, manifestCodes)
	if err != nil {
		return nil, err
	}
	m := &Manifest{File: file}
	r.known(doc, nil, "package", "signing", "dependencies")

	if pkg, ok := r.table(doc, nil, "package"); ok {
		p := []string{"package"}
		r.known(pkg, p, "name", "version", "edition", "strict_signing")
		m.Package.Name, _ = r.str(pkg, p, "name", true, `add name = "my-package"`)
		if v, ok := r.str(pkg, p, "version", false, ""); ok {
			if !IsSemver(v) {
				r.invalid(join(p, "version"), `use a semantic version such as "0.1.0"`, "package.version %q is not a semantic version", v)
			}
			m.Package.Version = v
		}
		if e, ok := r.str(pkg, p, "edition", false, ""); ok {
			if e != Edition {
				r.invalid(join(p, "edition"), fmt.Sprintf("use edition = %q", Edition), "unknown edition %q", e)
			}
			m.Package.Edition = e
		}
		m.Package.StrictSigning = r.boolean(pkg, p, "strict_signing")
	} else if _, present := doc["package"]; !present {
		r.errs.add(ManifestMissing, diag.Pos{File: file, Line: 1, Col: 1},
			"add a [package] table with name = \"...\"", "akua.toml has no [package] table")
	}

	if sig, ok := r.table(doc, nil, "signing"); ok {
		p := []string{"signing"}
		r.known(sig, p, "cosign_public_key", "cosign_private_key")
		m.Signing.CosignPublicKey, _ = r.str(sig, p, "cosign_public_key", false, "")
		m.Signing.CosignPrivateKey, _ = r.str(sig, p, "cosign_private_key", false, "")
	}

	if deps, ok := r.table(doc, nil, "dependencies"); ok {
		for name, v := range deps {
			p := []string{"dependencies", name}
			t, ok := v.(map[string]any)
			if !ok {
				r.wrongType(p, v, "table")
				continue
			}
			if d, ok := r.dependency(name, t, p); ok {
				m.Dependencies = append(m.Dependencies, d)
			}
		}
		sort.Slice(m.Dependencies, func(i, j int) bool { return m.Dependencies[i].Name < m.Dependencies[j].Name })
	}
	if err := r.errs.err(); err != nil {
		return nil, err
	}
	return m, nil
}

// sourceKeys are the keys that say where a dependency comes from.
var sourceKeys = []string{"oci", "git", "path", "repo"}

// dependency reads one [dependencies.<name>] table.
func (r *reader) dependency(name string, t map[string]any, p []string) (Dependency, bool) {
	before := len(r.errs.l)
	d := Dependency{Name: name, Pos: r.pos(p)}
	if !identRE().MatchString(name) {
		r.errs.add(ManifestValue, d.Pos, fmt.Sprintf("try %q", strings.NewReplacer("-", "_", ".", "_").Replace(name)),
			"dependency name %q is not an identifier (it is imported as charts.%s or pkgs.%s)", name, name, name)
	}
	var present []string
	for _, k := range sourceKeys {
		if _, ok := t[k]; ok {
			present = append(present, k)
		}
	}
	switch len(present) {
	case 0:
		r.errs.add(ManifestSource, d.Pos, `add one of oci = "oci://host/repo", git = "<url>", path = "<dir>" or repo = "https://..."`,
			"dependency %q has no source", name)
		return d, false
	case 1:
	default:
		r.errs.add(ManifestSource, r.pos(join(p, present[1])), "keep exactly one source per dependency",
			"dependency %q has more than one source (%s)", name, strings.Join(present, " and "))
		return d, false
	}
	allowed := []string{present[0], "replace"}
	switch present[0] {
	case "oci":
		allowed = append(allowed, "version")
		d.OCI, _ = r.str(t, p, "oci", true, "")
		if err := checkOCIRef(d.OCI); err != "" {
			r.invalid(join(p, "oci"), "write oci = \"oci://host/repository\" and put the tag in version", "%s", err)
		}
		d.Version = r.version(t, p, "version")
	case "git":
		allowed = append(allowed, "tag", "rev")
		d.Git, _ = r.str(t, p, "git", true, "")
		_, hasTag := t["tag"]
		_, hasRev := t["rev"]
		switch {
		case hasTag && hasRev:
			r.errs.add(ManifestSource, r.pos(join(p, "rev")), "keep either tag or rev", "git dependency %q has both tag and rev", name)
		case hasRev:
			d.Rev, _ = r.str(t, p, "rev", true, "")
		default:
			d.Tag = r.version(t, p, "tag")
		}
	case "path":
		d.Path, _ = r.str(t, p, "path", true, "")
		r.checkPath(join(p, "path"), d.Path)
	case "repo":
		allowed = append(allowed, "chart", "version")
		d.Repo, _ = r.str(t, p, "repo", true, "")
		if !strings.HasPrefix(d.Repo, "https://") && !strings.HasPrefix(d.Repo, "http://") {
			r.invalid(join(p, "repo"), "", "repo %q is not an http(s) URL", d.Repo)
		}
		d.Chart, _ = r.str(t, p, "chart", true, `add chart = "<chart name in the repository>"`)
		d.Version = r.version(t, p, "version")
	}
	r.known(t, p, allowed...)
	if rep, ok := r.table(t, p, "replace"); ok {
		rp := join(p, "replace")
		r.known(rep, rp, "path")
		d.Replace, _ = r.str(rep, rp, "path", true, `write replace = { path = "../local-copy" }`)
		r.checkPath(join(rp, "path"), d.Replace)
		if d.Path != "" {
			r.invalid(rp, "remove replace, or change path itself", "a path dependency cannot be replaced")
		}
	}
	return d, len(r.errs.l) == before
}

// version reads a required version (or git tag): an exact version or a
// semver range.
func (r *reader) version(t map[string]any, p []string, key string) string {
	v, ok := r.str(t, p, key, true, fmt.Sprintf(`add %s = "1.2.3" (exact) or "^1.2.0" (newest 1.x)`, key))
	if ok && !ValidVersion(v) {
		r.invalid(join(p, key), `use an exact version ("1.2.3") or a range ("^1.2.0", "~1.2", ">=1.0.0", "1.x")`,
			"%s %q is neither a version nor a semver range", key, v)
	}
	return v
}

func (r *reader) checkPath(p []string, dir string) {
	switch {
	case dir == "":
		r.invalid(p, "", "path is empty")
	case filepath.IsAbs(dir) || strings.HasPrefix(dir, "/") || strings.Contains(dir, `\`):
		r.invalid(p, "use a relative path with / separators", "path %q must be relative to the package directory", dir)
	}
}

// checkOCIRef returns why ref is not an oci://host/repository reference,
// or "".
func checkOCIRef(ref string) string {
	rest, ok := strings.CutPrefix(ref, "oci://")
	if !ok {
		return fmt.Sprintf("oci %q must start with oci://", ref)
	}
	host, repo, ok := strings.Cut(rest, "/")
	if !ok || host == "" || repo == "" {
		return fmt.Sprintf("oci %q must name a host and a repository", ref)
	}
	if strings.ContainsAny(repo, "@:") {
		return fmt.Sprintf("oci %q must not carry a tag or digest", ref)
	}
	return ""
}
