package kcl

import (
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/kcl/diag"
	"akua.dev/akua/kcl/eval"
)

// settingsFile is a `-Y` settings file, as upstream kcl reads it.
type settingsFile struct {
	CLIConfigs struct {
		Files            []string `yaml:"files"`
		File             []string `yaml:"file"`
		DisableNone      *bool    `yaml:"disable_none"`
		StrictRangeCheck *bool    `yaml:"strict_range_check"`
		Debug            *bool    `yaml:"debug"`
		SortKeys         *bool    `yaml:"sort_keys"`
		ShowHidden       *bool    `yaml:"show_hidden"`
		Overrides        []string `yaml:"overrides"`
		PathSelector     []string `yaml:"path_selector"`
	} `yaml:"kcl_cli_configs"`
	Options []struct {
		Key   string    `yaml:"key"`
		Value yaml.Node `yaml:"value"`
	} `yaml:"kcl_options"`
}

// applySettings folds the `-Y` files into opt and returns the input
// files they name (relative to each settings file) when the command
// line named none, plus the options they set. Command-line `-D` options
// are applied after these, so they win.
func applySettings(files []string, opt *RunOptions) ([]string, *eval.Dict, error) {
	opts := eval.NewDict(0)
	for _, name := range opt.Settings {
		path := name
		if !filepath.IsAbs(path) && opt.WorkDir != "" {
			path = filepath.Join(opt.WorkDir, path)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, &diag.Diagnostic{Code: diag.IllegalParameter, Pos: diag.Pos{File: name},
				Message: "cannot read settings file: " + err.Error()}
		}
		var s settingsFile
		if err := yaml.Unmarshal(data, &s); err != nil {
			return nil, nil, &diag.Diagnostic{Code: diag.IllegalParameter, Pos: diag.Pos{File: name},
				Message: "invalid settings file: " + err.Error()}
		}
		c := &s.CLIConfigs
		if len(files) == 0 {
			for _, f := range append(c.Files, c.File...) {
				// ${KCL_MOD} is the package root: the nearest directory
				// holding kcl.mod.
				f = strings.ReplaceAll(f, "${KCL_MOD}", modRoot(filepath.Dir(path)))
				if !filepath.IsAbs(f) {
					f = filepath.Join(filepath.Dir(path), f)
				}
				files = append(files, f)
			}
		}
		setBool(&opt.DisableNone, c.DisableNone)
		setBool(&opt.StrictRangeCheck, c.StrictRangeCheck)
		setBool(&opt.Debug, c.Debug)
		setBool(&opt.SortKeys, c.SortKeys)
		setBool(&opt.ShowHidden, c.ShowHidden)
		opt.Overrides = append(opt.Overrides, c.Overrides...)
		opt.PathSelectors = append(opt.PathSelectors, c.PathSelector...)
		for _, o := range s.Options {
			v, err := eval.FromGo(&o.Value)
			if err != nil {
				return nil, nil, err
			}
			if o.Value.Kind == 0 {
				v = eval.None
			}
			opts.Set(o.Key, v)
		}
	}
	return files, opts, nil
}

func setBool(dst *bool, v *bool) {
	if v != nil {
		*dst = *v
	}
}

// modRoot returns the nearest directory at or above dir holding
// kcl.mod, or dir itself (made absolute).
func modRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	return PackageRoot(abs, abs)
}
