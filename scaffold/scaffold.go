// Package scaffold writes new packages for `akua init`: a template's
// files (embedded) with the package name filled in. Every template
// renders at once with its inputs.example.yaml.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"akua.dev/akua/internal/atomicfile"
	"akua.dev/akua/kcl/diag"
)

// all: keeps files such as charts' _helpers.tpl.
//
//go:embed all:templates
var templates embed.FS

// Templates are the names `akua init --template` accepts.
var Templates = []string{"app", "helm", "kustomize", "empty"}

// placeholder is replaced by the package name in paths and contents.
const placeholder = "__NAME__"

// Codes of init errors.
var (
	Exists  = diag.Code{ID: "E_INIT_EXISTS", Title: "InitWouldOverwrite"}
	BadName = diag.Code{ID: "E_INIT_NAME", Title: "InitBadName"}
)

var nameRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9-]{0,62}$`) })

// Name derives a package name from a directory: its base name,
// lowercased, other characters turned into '-', made to start with a
// letter.
func Name(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	var b strings.Builder
	for _, r := range strings.ToLower(filepath.Base(abs)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-")
	switch {
	case name == "":
		return "package"
	case name[0] < 'a' || name[0] > 'z':
		return "pkg-" + name // "001" is a directory name, not a package name
	}
	if len(name) > 63 {
		name = strings.TrimRight(name[:63], "-")
	}
	return name
}

// A File is one file of a new package.
type File struct {
	Name string // slash-separated, relative to the package directory
	Data []byte
}

// Files returns the files of template for a package called name.
func Files(template, name string) ([]File, error) {
	if !nameRE().MatchString(name) {
		return nil, &diag.Diagnostic{Code: BadName, Message: fmt.Sprintf("%q is not a valid package name", name),
			Suggestion: "use lowercase letters, digits and '-', starting with a letter (--name)"}
	}
	known := false
	for _, t := range Templates {
		known = known || t == template
	}
	if !known {
		return nil, &diag.Diagnostic{Code: diag.Code{ID: "E_INIT_TEMPLATE", Title: "InitUnknownTemplate"},
			Message:    fmt.Sprintf("unknown template %q", template),
			Suggestion: "choose one of " + strings.Join(Templates, ", ")}
	}
	var out []File
	add := func(root, p string) error {
		data, err := templates.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		rel = strings.ReplaceAll(rel, placeholder, name)
		out = append(out, File{Name: rel, Data: []byte(strings.ReplaceAll(string(data), placeholder, name))})
		return nil
	}
	for _, common := range []string{"akua.toml", "README.md", "gitignore"} {
		data, err := templates.ReadFile("templates/common_" + common)
		if err != nil {
			return nil, err
		}
		if common == "gitignore" {
			common = ".gitignore"
		}
		out = append(out, File{Name: common, Data: []byte(strings.ReplaceAll(string(data), placeholder, name))})
	}
	root := path.Join("templates", template)
	err := fs.WalkDir(templates, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return add(root, p)
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Write writes files under dir, creating it. It refuses, writing
// nothing, when any of the files exists.
func Write(dir string, files []File) error {
	var clash []string
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f.Name))); !errors.Is(err, fs.ErrNotExist) {
			clash = append(clash, f.Name)
		}
	}
	if len(clash) > 0 {
		return &diag.Diagnostic{Code: Exists,
			Message:    fmt.Sprintf("%s already holds %s", dir, strings.Join(clash, ", ")),
			Suggestion: "akua init never overwrites: choose an empty or new directory"}
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := atomicfile.Write(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
