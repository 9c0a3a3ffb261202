package kustomize

import (
	"akua.dev/akua/internal/testfs"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/internal/pathguard"
	"akua.dev/akua/kcl/diag"
)

// refusal is a tree whose build must fail before krusty runs, at file:line.
type refusal struct {
	name  string
	files map[string]string
	code  diag.Code
	file  string // kustomization (or config) file the diagnostic points at
	line  int
	says  []string // substrings of the message
}

func runRefusals(t *testing.T, cases []refusal) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"base/kustomization.yaml": "resources:\n- cm.yaml\n", "base/cm.yaml": cmYAML}
			for k, v := range tc.files {
				files[k] = v
			}
			root := testfs.Tree(t, files)
			d := mustFail(t, root, "ov", tc.code)
			if want := filepath.Join(root, filepath.FromSlash(tc.file)); d.Pos.File != want || d.Pos.Line != tc.line {
				t.Errorf("pos %s, want %s:%d", d.Pos, want, tc.line)
			}
			for _, s := range tc.says {
				if !strings.Contains(d.Message, s) {
					t.Errorf("message %q lacks %q", d.Message, s)
				}
			}
		})
	}
}

func TestRemoteRefused(t *testing.T) {
	k := "ov/kustomization.yaml"
	runRefusals(t, []refusal{
		{name: "https", code: Remote, file: k, line: 3,
			files: map[string]string{k: "resources:\n- ../base\n- https://github.com/kubernetes-sigs/kustomize//examples/helloWorld?ref=v1.0.6\n"},
			says:  []string{"resources entry", "https://github.com/kubernetes-sigs/kustomize", "ov/kustomization.yaml", "never fetches"}},
		{name: "git-scp", code: Remote, file: k, line: 2,
			files: map[string]string{k: "resources:\n- git@github.com:org/repo.git//deploy?ref=main\n"},
			says:  []string{`"git@github.com:org/repo.git//deploy?ref=main"`, "git address"}},
		{name: "github-short", code: Remote, file: k, line: 2,
			files: map[string]string{k: "bases:\n- github.com/org/repo/deploy?ref=v1\n"},
			says:  []string{"bases entry", "GitHub repository"}},
		{name: "git-forced", code: Remote, file: k, line: 2,
			files: map[string]string{k: "resources:\n- git::https://example.com/org/repo.git\n"}},
		{name: "ssh", code: Remote, file: k, line: 2,
			files: map[string]string{k: "components:\n- ssh://git@example.com/org/repo.git\n"},
			says:  []string{"components entry"}},
		{name: "ref-query", code: Remote, file: k, line: 2,
			files: map[string]string{k: "resources:\n- example.com/org/repo?ref=v1\n"}},
		{name: "case-insensitive-key", code: Remote, file: k, line: 2,
			files: map[string]string{k: "Resources:\n- https://example.com/cm.yaml\n"}},
		{name: "nested", code: Remote, file: "mid/kustomization.yaml", line: 3,
			files: map[string]string{
				k:                        "resources:\n- ../mid\n",
				"mid/kustomization.yaml": "resources:\n- ../base\n- https://example.com/deploy.yaml\n"},
			says: []string{"mid/kustomization.yaml"}},
		{name: "patch-file", code: Remote, file: k, line: 4,
			files: map[string]string{k: "resources:\n- ../base\npatches:\n- path: https://example.com/patch.yaml\n"},
			says:  []string{"patches entry"}},
		{name: "generator-file", code: Remote, file: k, line: 4,
			files: map[string]string{k: "configMapGenerator:\n- name: x\n  files:\n  - conf=https://example.com/app.conf\n"},
			says:  []string{"configMapGenerator entry", `"https://example.com/app.conf"`}},
		{name: "openapi", code: Remote, file: k, line: 4,
			files: map[string]string{k: "resources:\n- ../base\nopenapi:\n  path: https://example.com/schema.json\n"}},
		{name: "psm", code: Remote, file: k, line: 4,
			files: map[string]string{k: "resources:\n- ../base\npatchesStrategicMerge:\n- https://example.com/p.yaml\n"}},
		{name: "transformer-config-path", code: Remote, file: "ov/t.yaml", line: 4,
			files: map[string]string{
				k:           "resources:\n- ../base\ntransformers:\n- t.yaml\n",
				"ov/t.yaml": "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\npath: https://example.com/p.yaml\n"}},
		{name: "transformer-dir-patched-to-url", code: Remote, file: "ov/tr/kustomization.yaml", line: 4,
			files: map[string]string{
				k:                          "resources:\n- ../base\ntransformers:\n- tr\n",
				"ov/tr/kustomization.yaml": "resources: [p.yaml]\npatches:\n- target: {kind: PatchTransformer}\n  patch: '[{\"op\": \"add\", \"path\": \"/path\", \"value\": \"https://example.com/e.yaml\"}]'\n",
				"ov/tr/p.yaml":             "apiVersion: builtin\nkind: PatchTransformer\nmetadata: {name: p}\npatch: '[]'\ntarget: {kind: ConfigMap}\n"}},
	})
}

func TestEscapeRefused(t *testing.T) {
	k := "ov/kustomization.yaml"
	runRefusals(t, []refusal{
		{name: "dotdot", code: pathguard.Escape, file: k, line: 2,
			files: map[string]string{k: "resources:\n- ../../outside\n"},
			says:  []string{`resources entry "../../outside"`, "leaves the package"}},
		{name: "dotdot-file", code: pathguard.Escape, file: k, line: 4,
			files: map[string]string{k: "resources:\n- ../base\ncrds:\n- ../../../etc/crd.yaml\n"}},
		{name: "absolute", code: pathguard.Escape, file: k, line: 2,
			files: map[string]string{k: "resources:\n- /etc/kubernetes/admin.yaml\n"},
			says:  []string{"absolute paths are not allowed"}},
		{name: "absolute-env", code: pathguard.Escape, file: k, line: 4,
			files: map[string]string{k: "secretGenerator:\n- name: s\n  envs:\n  - /etc/environment\n"}},
	})
}

func TestSymlinkEscapeRefused(t *testing.T) {
	root := testfs.Tree(t, map[string]string{
		"ov/kustomization.yaml": "resources:\n- secret\n",
	})
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "kustomization.yaml"), []byte("resources: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "ov", "secret")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	d := mustFail(t, root, "ov", pathguard.Escape)
	if !strings.Contains(d.Message, `"secret"`) || !strings.Contains(d.Message, "symlink") || d.Pos.Line != 2 {
		t.Errorf("error: %v", d)
	}

	// An escaping symlink no kustomization uses does not stop a build.
	root = testfs.Tree(t, map[string]string{
		"base/kustomization.yaml": "resources:\n- cm.yaml\n",
		"base/cm.yaml":            cmYAML,
	})
	if err := os.Symlink(outside, filepath.Join(root, "node_modules")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Root: root, Path: filepath.Join(root, "base")}); err != nil {
		t.Errorf("an unused escaping symlink failed the build: %v", err)
	}

	// A symlink that stays inside the package is followed.
	root = testfs.Tree(t, map[string]string{
		"base/kustomization.yaml": "resources:\n- cm.yaml\n",
		"base/cm.yaml":            cmYAML,
		"ov/kustomization.yaml":   "resources:\n- linked\n",
	})
	if err := os.Symlink(filepath.Join(root, "base"), filepath.Join(root, "ov", "linked")); err != nil {
		t.Fatal(err)
	}
	if got := kinds(mustBuild(t, root, "ov")); len(got) != 1 || got[0] != "ConfigMap/cm" {
		t.Errorf("documents %v", got)
	}
}

func TestPluginRefused(t *testing.T) {
	k := "ov/kustomization.yaml"
	runRefusals(t, []refusal{
		{name: "inline-exec", code: Plugin, file: k, line: 4,
			files: map[string]string{k: "resources:\n- ../base\ntransformers:\n- |\n  apiVersion: someteam.example.com/v1\n  kind: ChartInflator\n  metadata:\n    name: x\n"},
			says:  []string{"transformers entry", "ChartInflator", "someteam.example.com/v1", "not a kustomize builtin"}},
		{name: "file-container", code: Plugin, file: "ov/gen.yaml", line: 2,
			files: map[string]string{
				k:             "resources:\n- ../base\ngenerators:\n- gen.yaml\n",
				"ov/gen.yaml": "apiVersion: example.com/v1\nkind: Generate\nmetadata:\n  name: g\n  annotations:\n    config.kubernetes.io/function: |\n      container:\n        image: example.com/gen:v1\n"},
			says: []string{"generators entry ov/gen.yaml", "Generate"}},
		{name: "validator", code: Plugin, file: "ov/v.yaml", line: 2,
			files: map[string]string{
				k:           "resources:\n- ../base\nvalidators:\n- v.yaml\n",
				"ov/v.yaml": "apiVersion: v1\nkind: Validate\nmetadata:\n  name: v\n"}},
		{name: "builtin-version-unknown-kind", code: Plugin, file: k, line: 4,
			files: map[string]string{k: "resources:\n- ../base\ntransformers:\n- |\n  apiVersion: builtin\n  kind: ExecTransformer\n  metadata:\n    name: x\n"}},
	})
}

func TestHelmRefused(t *testing.T) {
	k := "ov/kustomization.yaml"
	runRefusals(t, []refusal{
		{name: "helmCharts", code: Plugin, file: k, line: 2,
			files: map[string]string{k: "helmCharts:\n- name: podinfo\n  repo: https://stefanprodan.github.io/podinfo\n  version: 6.5.0\n"},
			says:  []string{`helmCharts entry "podinfo"`, "helm chart inflation"}},
		{name: "helmChartInflationGenerator", code: Plugin, file: k, line: 2,
			files: map[string]string{k: "helmChartInflationGenerator:\n- chartName: podinfo\n  chartRepoUrl: https://stefanprodan.github.io/podinfo\n"}},
		{name: "generator-config", code: Plugin, file: "ov/helm.yaml", line: 2,
			files: map[string]string{
				k:              "generators:\n- helm.yaml\n",
				"ov/helm.yaml": "apiVersion: builtin\nkind: HelmChartInflationGenerator\nmetadata:\n  name: h\nname: podinfo\nrepo: https://stefanprodan.github.io/podinfo\n"}},
	})
}

func TestRemoteRef(t *testing.T) {
	for s, remote := range map[string]bool{
		"../base": false, "deploy.yaml": false, "dir/with:colon.yaml": false, "a/b/c": false,
		"https://x/y": true, "HTTP://x": true, "git::x": true, "oci://r/x": true, "file:///etc": true,
		"github.com/a/b": true, "GitHub.com:a/b": true, "git@gitlab.com:a/b": true, "x/y?ref=v1": true,
	} {
		if got := remoteRef(s) != ""; got != remote {
			t.Errorf("remoteRef(%q) = %v, want %v", s, got, remote)
		}
	}
}
