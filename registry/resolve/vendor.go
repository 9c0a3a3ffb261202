// This file holds `akua vendor`: every locked dependency copied into
// .akua/vendor/<name>, with a manifest pinning each copy, so a render
// needs neither the network nor the cache.

package resolve

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"

	"akua.dev/akua/lock"
	"akua.dev/akua/registry"
)

// VendorDir is where vendored dependencies live, relative to the package.
const VendorDir = ".akua/vendor"

// vendorManifestFile is the manifest inside VendorDir.
const vendorManifestFile = "vendor.json"

// A VendorManifest lists what .akua/vendor holds.
type VendorManifest struct {
	Version  int           `json:"version"` // 1
	Packages []VendoredPkg `json:"packages"`
}

// A VendoredPkg is one vendored dependency: its lock entry's identity
// and the tree digest of the copy (for Helm charts and OCI artifacts the
// lock digest is of the archive or manifest, not of the files).
type VendoredPkg struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	Source  string `json:"source"`
	Digest  string `json:"digest"`
	Tree    string `json:"tree"`
}

// ReadVendorManifest reads dir/.akua/vendor/vendor.json; a missing one is
// an empty manifest.
func ReadVendorManifest(dir string) (*VendorManifest, error) {
	data, err := os.ReadFile(filepath.Join(dir, VendorDir, vendorManifestFile))
	if err != nil {
		if os.IsNotExist(err) {
			return &VendorManifest{Version: 1}, nil
		}
		return &VendorManifest{Version: 1}, registry.Wrap(registry.CodeIO, err, "reading the vendor manifest")
	}
	var m VendorManifest
	if err := json.Unmarshal(data, &m); err != nil {
		return &VendorManifest{Version: 1}, registry.Wrap(registry.CodeDigestMismatch, err, "the vendor manifest is unreadable")
	}
	return &m, nil
}

// verified returns the vendored copy of e when the manifest pins e's
// digest and the copy still has the recorded tree digest.
func (m *VendorManifest) verified(pkgDir string, e lock.Entry) (string, bool) {
	if m == nil {
		return "", false
	}
	for _, v := range m.Packages {
		if v.Name != e.Name || v.Digest != e.Digest || v.Source != e.Source {
			continue
		}
		dir := filepath.Join(pkgDir, VendorDir, e.Name)
		if got, err := registry.DirDigest(dir); err == nil && got == v.Tree {
			return dir, true
		}
	}
	return "", false
}

// Vendor copies every locked dependency into .akua/vendor and writes its
// manifest. The directory is replaced as a whole: it is built beside the
// old one and renamed into place, so a failure leaves the old one intact.
func Vendor(ctx context.Context, p *Project, opts Options) (*VendorManifest, error) {
	deps, err := p.Locked(ctx, opts)
	if err != nil {
		return nil, err
	}
	akuaDir := filepath.Join(p.Dir, ".akua")
	if err := os.MkdirAll(akuaDir, 0o755); err != nil {
		return nil, registry.Wrap(registry.CodeIO, err, "creating %s", akuaDir)
	}
	work, err := os.MkdirTemp(akuaDir, "vendor.tmp-*")
	if err != nil {
		return nil, registry.Wrap(registry.CodeIO, err, "creating %s", akuaDir)
	}
	defer os.RemoveAll(work)
	m := &VendorManifest{Version: 1, Packages: []VendoredPkg{}}
	for _, d := range p.Manifest.Dependencies {
		dep := deps[d.Name]
		dst := filepath.Join(work, d.Name)
		if err := copyTree(dep.Dir, dst); err != nil {
			return nil, err
		}
		tree, err := registry.DirDigest(dst)
		if err != nil {
			return nil, err
		}
		m.Packages = append(m.Packages, VendoredPkg{Name: d.Name, Version: dep.Version, Source: dep.Source, Digest: dep.Digest, Tree: tree})
	}
	data, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(work, vendorManifestFile), append(data, '\n'), 0o644); err != nil {
		return nil, registry.Wrap(registry.CodeIO, err, "writing the vendor manifest")
	}
	final := filepath.Join(p.Dir, VendorDir)
	old := work + ".old"
	if exists(final) {
		if err := os.Rename(final, old); err != nil {
			return nil, registry.Wrap(registry.CodeIO, err, "replacing %s", final)
		}
	}
	if err := os.Rename(work, final); err != nil {
		os.Rename(old, final)
		return nil, registry.Wrap(registry.CodeIO, err, "replacing %s", final)
	}
	os.RemoveAll(old)
	return m, nil
}

// copyTree copies the regular files of src (symlinks refused, .git and a
// top-level .akua left out, as in digests) to dst.
func copyTree(src, dst string) error {
	files, err := registry.DirFiles(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return registry.Wrap(registry.CodeIO, err, "creating %s", dst)
	}
	for _, f := range files {
		if err := copyFile(filepath.Join(src, filepath.FromSlash(f.Path)), filepath.Join(dst, filepath.FromSlash(f.Path))); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return registry.Wrap(registry.CodeIO, err, "reading %s", src)
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return registry.Wrap(registry.CodeIO, err, "reading %s", src)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return registry.Wrap(registry.CodeIO, err, "creating %s", filepath.Dir(dst))
	}
	mode := os.FileMode(0o644)
	if fi.Mode()&0o111 != 0 {
		mode = 0o755
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return registry.Wrap(registry.CodeIO, err, "writing %s", dst)
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return registry.Wrap(registry.CodeIO, err, "writing %s", dst)
	}
	return nil
}
