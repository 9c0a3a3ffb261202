package render

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/lock"
	"akua.dev/akua/policy"
)

// Gate runs the Rego policies over a render (SPEC §4 step 6): those
// under dirs, or the package's policies/ directory when dirs is empty.
// It returns nil when there are no policies to run. The caller decides
// what a deny means (the CLI exits 3 and writes nothing).
func Gate(ctx context.Context, res *Result, dirs []string) (*policy.Result, error) {
	if len(dirs) == 0 {
		d := filepath.Join(res.Dir, policy.DefaultDir)
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return nil, nil
		}
		dirs = []string{d}
	}
	eng, err := policy.Load(ctx, dirs, policy.Options{})
	if err != nil {
		return nil, err
	}
	if len(eng.Files()) == 0 {
		return nil, nil
	}
	in := policy.Input{Resources: make([]any, len(res.Resources)), Inputs: map[string]any{}}
	// Policies judge what is written: the encoded YAML, decoded.
	for i, r := range res.Resources {
		var obj map[string]any
		if err := yaml.Unmarshal(r.YAML, &obj); err != nil {
			return nil, err
		}
		in.Resources[i] = obj
	}
	if m, ok := eval.PlainMaps(res.Inputs).(map[string]any); ok {
		in.Inputs = m
	}
	m, err := lock.LoadManifest(res.Dir)
	switch {
	case err == nil:
		in.Package = policy.Package{Name: m.Package.Name, Version: m.Package.Version}
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	return eng.Eval(ctx, in)
}
