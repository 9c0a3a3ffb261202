package lock

import (
	"testing"
)

// tricky has comments everywhere, a multi-line array with brackets in
// strings, a '#' inside a string, quoted keys, dotted keys and CRLF-free
// but irregular spacing.
const tricky = `# akua.toml for app   [dependencies.fake] in a comment
[package]
name = "app"   # the name
version="0.1.0"
tags = [
  "a]b", # ] in a string
  'c#d',
]

# charts we use
[dependencies]
podinfo = { repo = "https://charts.example.com", chart = "podinfo", version = "^6.0.0" } # pinned by range
"quoted-key" = { path = "./q" }
dotted.git = "https://example.com/d.git"
dotted.tag = "v1.0.0"

# the shared library
# (two comment lines)
[dependencies.lib]
git = "https://example.com/lib.git"   # upstream
tag = "^1.2.0"
# trailing comment in lib

[dependencies.lib.replace]
path = "../lib"

[signing]
cosign_public_key = "k.pub"
`

func TestSetDependencyKeepsLayout(t *testing.T) {
	tests := []struct {
		name string
		dep  Dependency
		want string
	}{
		{"inline replaced in place", Dependency{Name: "podinfo", Repo: "https://charts.example.com", Chart: "podinfo", Version: "6.5.0"},
			replace(tricky, `podinfo = { repo = "https://charts.example.com", chart = "podinfo", version = "^6.0.0" } # pinned`,
				`podinfo = { repo = "https://charts.example.com", chart = "podinfo", version = "6.5.0" } # pinned`)},
		{"table keys updated, comments kept", Dependency{Name: "lib", Git: "https://example.com/lib2.git", Rev: "abc1234"},
			replace(tricky, "git = \"https://example.com/lib.git\"   # upstream\ntag = \"^1.2.0\"\n# trailing comment in lib\n\n[dependencies.lib.replace]\npath = \"../lib\"\n",
				"git = \"https://example.com/lib2.git\"   # upstream\nrev = \"abc1234\"\n# trailing comment in lib\n\n")},
		{"dotted keys folded", Dependency{Name: "dotted", Git: "https://example.com/d.git", Tag: "v2.0.0"},
			replace(tricky, "dotted.git = \"https://example.com/d.git\"\ndotted.tag = \"v1.0.0\"\n",
				"dotted = { git = \"https://example.com/d.git\", tag = \"v2.0.0\" }\n")},
		{"new one goes under [dependencies]", Dependency{Name: "k8s", OCI: "oci://ghcr.io/kcl-lang/k8s", Version: "1.31.2", Replace: "../k8s"},
			replace(tricky, "dotted.tag = \"v1.0.0\"\n",
				"dotted.tag = \"v1.0.0\"\nk8s = { oci = \"oci://ghcr.io/kcl-lang/k8s\", version = \"1.31.2\", replace = { path = \"../k8s\" } }\n")},
		{"quoted key", Dependency{Name: "quoted-key", Path: "./q2"},
			replace(tricky, `"quoted-key" = { path = "./q" }`, `"quoted-key" = { path = "./q2" }`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SetDependency([]byte(tricky), tc.dep)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func replace(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	panic("test text not found: " + old)
}

func TestSetDependencyNewFiles(t *testing.T) {
	dep := Dependency{Name: "podinfo", Repo: "https://c.example.com", Chart: "podinfo", Version: "^6"}
	tests := []struct{ name, src, want string }{
		{"no dependencies, no final newline", "[package]\nname = \"a\"",
			"[package]\nname = \"a\"\n\n[dependencies]\npodinfo = { repo = \"https://c.example.com\", chart = \"podinfo\", version = \"^6\" }\n"},
		{"table style is followed", "[package]\nname = \"a\"\n\n[dependencies.x]\npath = \"x\"\n# end\n",
			"[package]\nname = \"a\"\n\n[dependencies.x]\npath = \"x\"\n\n[dependencies.podinfo]\nrepo = \"https://c.example.com\"\nchart = \"podinfo\"\nversion = \"^6\"\n# end\n"},
		{"empty [dependencies]", "[dependencies]\n\n[package]\nname = \"a\"\n",
			"[dependencies]\npodinfo = { repo = \"https://c.example.com\", chart = \"podinfo\", version = \"^6\" }\n\n[package]\nname = \"a\"\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SetDependency([]byte(tc.src), dep)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", got, tc.want)
			}
			if _, err := ParseManifest("akua.toml", got); err != nil {
				t.Error(err)
			}
		})
	}
}

// A dependency written only as [dependencies.x.replace] (x implied) is
// rewritten as one table.
func TestSetDependencyImpliedTable(t *testing.T) {
	src := "[package]\nname = \"a\"\n\n[dependencies.x.replace]\npath = \"y\"\n"
	got, err := SetDependency([]byte(src), Dependency{Name: "x", Path: "z"})
	if err != nil {
		t.Fatal(err)
	}
	want := "[package]\nname = \"a\"\n\n[dependencies.x]\npath = \"z\"\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRemoveDependency(t *testing.T) {
	tests := []struct{ name, want string }{
		{"lib", replace(tricky, "\n# the shared library\n# (two comment lines)\n[dependencies.lib]\ngit = \"https://example.com/lib.git\"   # upstream\ntag = \"^1.2.0\"\n# trailing comment in lib\n\n[dependencies.lib.replace]\npath = \"../lib\"\n", "\n# trailing comment in lib\n")},
		{"podinfo", replace(tricky, "podinfo = { repo = \"https://charts.example.com\", chart = \"podinfo\", version = \"^6.0.0\" } # pinned by range\n", "")},
		{"dotted", replace(tricky, "dotted.git = \"https://example.com/d.git\"\ndotted.tag = \"v1.0.0\"\n", "")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok, err := RemoveDependency([]byte(tricky), tc.name)
			if err != nil || !ok {
				t.Fatal(ok, err)
			}
			if string(got) != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
	if _, ok, _ := RemoveDependency([]byte(tricky), "fake"); ok {
		t.Error("removed a dependency that only appears in a comment")
	}
	// Removing the last table leaves no blank line at the end.
	src := "[package]\nname = \"a\"\n\n[dependencies.x]\npath = \"x\"\n"
	got, _, _ := RemoveDependency([]byte(src), "x")
	if string(got) != "[package]\nname = \"a\"\n" {
		t.Errorf("got %q", got)
	}
}
