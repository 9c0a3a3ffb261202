package helm

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/ignore"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl/diag"
)

// Chart loading. Files are read through pathguard, which follows a
// symlink only while it stays inside the package, filtered by
// .helmignore exactly as helm's directory loader filters them, and
// handed to loader.LoadFiles. helm's own LoadDir is not used: it
// follows symlinks anywhere on the machine.

// Caps. Per-file and decompressed sizes are helm's own
// (loader.MaxDecompressedFileSize, MaxDecompressedChartSize); the
// archive caps follow SPEC §12 for fetched archives.
const (
	maxFileSize       = 5 << 20
	maxChartBytes     = 100 << 20
	maxArchiveSize    = 100 << 20 // the .tgz file itself
	maxArchiveEntries = 100_000
)

var utf8bom = []byte{0xEF, 0xBB, 0xBF}

// sources maps template names, as helm names them
// ("webapp/charts/redis/templates/x.yaml"), to files on disk, so that
// errors point at the file the user edits.
type sources struct {
	base   string           // Options.Chart
	byData map[*byte]string // first byte of a file's data → its path
	byName map[string]string
}

// file returns the path on disk of the template helm calls name. A
// template from an archive has no file of its own: its name inside the
// archive is appended to the archive's path.
func (s *sources) file(name string) string {
	if p, ok := s.byName[name]; ok {
		return p
	}
	_, rest, _ := strings.Cut(name, "/")
	return filepath.Join(s.base, filepath.FromSlash(rest))
}

// index records where each template of c and its subcharts came from.
// LoadFiles keeps the data slices it is given, so a template is found
// by the address of its first byte, whatever alias its chart has.
func (s *sources) index(c *chart.Chart) {
	for _, t := range c.Templates {
		if t == nil || len(t.Data) == 0 {
			continue
		}
		if p, ok := s.byData[&t.Data[0]]; ok {
			s.byName[path.Join(c.ChartFullPath(), t.Name)] = p
		}
	}
	for _, d := range c.Dependencies() {
		s.index(d)
	}
}

// loadChart loads the chart directory or archive at chartPath.
func loadChart(root, chartPath string) (*chart.Chart, *sources, error) {
	src := &sources{base: chartPath, byData: map[*byte]string{}, byName: map[string]string{}}
	fi, err := os.Stat(chartPath)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, chartErr(chartPath, "check the chart path: it is relative to the package directory",
				"no chart at %s", chartPath)
		}
		return nil, nil, chartErr(chartPath, "", "cannot read chart: %v", err)
	}
	if real, err := filepath.EvalSymlinks(chartPath); err != nil || !pathguard.Within(root, real) {
		return nil, nil, &diag.Diagnostic{Code: pathguard.Escape, Pos: diag.Pos{File: chartPath},
			Message:    fmt.Sprintf("chart %s is outside the package directory", chartPath),
			Suggestion: "keep charts inside the package directory (or add them as dependencies with `akua add`)"}
	}
	var c *chart.Chart
	if fi.IsDir() {
		c, err = loadDir(root, chartPath, src)
	} else {
		c, err = loadArchive(chartPath)
	}
	if err != nil {
		return nil, nil, err
	}
	sortDependencies(c)
	return c, src, nil
}

func loadDir(root, dir string, src *sources) (*chart.Chart, error) {
	tree, err := pathguard.ReadTree(root, dir, pathguard.Limits{})
	if err != nil {
		var d *diag.Diagnostic
		if errors.As(err, &d) {
			if d.Pos.File == "" {
				d.Pos.File = dir
			}
			return nil, d
		}
		return nil, chartErr(dir, "", "cannot read chart: %v", err)
	}
	rules := ignore.Empty()
	for _, f := range tree {
		if f.Name == ignore.HelmIgnore {
			if rules, err = ignore.Parse(bytes.NewReader(f.Data)); err != nil {
				return nil, chartErr(filepath.Join(dir, ignore.HelmIgnore), "fix the pattern; `**` is not supported",
					"bad .helmignore: %v", err)
			}
		}
	}
	rules.AddDefaults()
	files := make([]*loader.BufferedFile, 0, len(tree))
	for _, f := range tree {
		if ignored(rules, f.Name) {
			continue
		}
		if len(f.Data) > maxFileSize {
			return nil, chartErr(filepath.Join(dir, filepath.FromSlash(f.Name)), "charts hold templates and small files; keep each under 5 MiB",
				"chart file %s is larger than the maximum file size %d", f.Name, maxFileSize)
		}
		data := bytes.TrimPrefix(f.Data, utf8bom)
		if len(data) > 0 {
			src.byData[&data[0]] = filepath.Join(dir, filepath.FromSlash(f.Name))
		}
		files = append(files, &loader.BufferedFile{Name: f.Name, Data: data})
	}
	c, err := loader.LoadFiles(files)
	if err != nil {
		return nil, loadDiag(dir, err)
	}
	return c, nil
}

// ignored applies .helmignore rules as helm's directory walk does: a
// rule matching a directory skips everything under it, then the file
// itself is matched.
func ignored(rules *ignore.Rules, name string) bool {
	parts := strings.Split(name, "/")
	for i := 1; i < len(parts); i++ {
		if rules.Ignore(strings.Join(parts[:i], "/"), fileInfo{parts[i-1], true}) {
			return true
		}
	}
	return rules.Ignore(name, fileInfo{parts[len(parts)-1], false})
}

// fileInfo is the os.FileInfo ignore.Rules looks at: only IsDir matters.
type fileInfo struct {
	name string
	dir  bool
}

func (f fileInfo) Name() string       { return f.name }
func (f fileInfo) Size() int64        { return 0 }
func (f fileInfo) ModTime() time.Time { return time.Time{} }
func (f fileInfo) IsDir() bool        { return f.dir }
func (f fileInfo) Sys() any           { return nil }
func (f fileInfo) Mode() fs.FileMode {
	if f.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}

// loadArchive loads a packaged chart from memory, after checking its
// size and entry count so a decompression bomb stops early.
func loadArchive(file string) (*chart.Chart, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, chartErr(file, "", "cannot read chart: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxArchiveSize+1))
	if err != nil {
		return nil, chartErr(file, "", "cannot read chart: %v", err)
	}
	if len(data) > maxArchiveSize {
		return nil, chartErr(file, "", "chart archive is larger than %d bytes", maxArchiveSize)
	}
	if err := scanArchive(data); err != nil {
		return nil, chartErr(file, "package the chart with `helm package`", "%s is not a usable chart archive: %v", filepath.Base(file), err)
	}
	c, err := loader.LoadArchive(bytes.NewReader(data))
	if err != nil {
		return nil, loadDiag(file, err)
	}
	return c, nil
}

func scanArchive(data []byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not gzip-compressed: %v", err)
	}
	tr := tar.NewReader(zr)
	var n int
	var total int64
	for {
		hd, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if n++; n > maxArchiveEntries {
			return fmt.Errorf("more than %d entries", maxArchiveEntries)
		}
		if total += hd.Size; total > maxChartBytes {
			return fmt.Errorf("more than %d bytes once decompressed", maxChartBytes)
		}
	}
}

// sortDependencies orders subcharts by name and version. LoadFiles
// adds them in map order, so helm's own order changes from run to run;
// which one an alias picks when two share a name depends on it.
func sortDependencies(c *chart.Chart) {
	deps := c.Dependencies()
	sort.SliceStable(deps, func(i, j int) bool {
		a, b := deps[i].Metadata, deps[j].Metadata
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Version < b.Version
	})
	c.SetDependencies(deps...)
	for _, d := range deps {
		sortDependencies(d)
	}
}
