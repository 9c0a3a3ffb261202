package lock

import (
	"errors"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

const goodManifest = `# my package
[package]
name = "app"
version = "1.0.0"
edition = "akua.dev/v1alpha1"
strict_signing = true

[signing]
cosign_public_key = "cosign.pub"

[dependencies]
podinfo = { repo = "https://charts.example.com/", chart = "podinfo", version = "^6.0.0" }
k8s = { oci = "oci://ghcr.io/kcl-lang/k8s", version = "1.31.2" }

[dependencies.lib]
git = "https://example.com/lib.git"
tag = "^1.2.0" # newest 1.x

[dependencies.local]
path = "../local"

[dependencies.patched]
oci = "oci://example.com/patched"
version = "2.0.0"
replace = { path = "./vendor/patched" }
`

func TestParseManifest(t *testing.T) {
	m, err := ParseManifest("akua.toml", []byte(goodManifest))
	if err != nil {
		t.Fatal(err)
	}
	if m.Package.Name != "app" || !m.Package.StrictSigning || m.Signing.CosignPublicKey != "cosign.pub" {
		t.Errorf("package = %+v, signing = %+v", m.Package, m.Signing)
	}
	var names []string
	for _, d := range m.Dependencies {
		names = append(names, d.Name+":"+string(d.Kind()))
	}
	if got := strings.Join(names, " "); got != "k8s:oci lib:git local:path patched:oci podinfo:repo" {
		t.Errorf("deps = %s", got)
	}
	lib, _ := m.Dependency("lib")
	if lib.Tag != "^1.2.0" || lib.Pos.Line != 15 {
		t.Errorf("lib = %+v", lib)
	}
	p, _ := m.Dependency("patched")
	if p.Replace != "./vendor/patched" {
		t.Errorf("patched = %+v", p)
	}
}

func TestParseManifestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		code      diag.Code
		line, col int
		msg       string
	}{
		{"syntax", "[package]\nname = \n", ManifestParse, 2, 0, "invalid TOML"},
		{"unknown top", "[package]\nname = \"a\"\n\n[signin]\ncosign_public_key = \"k\"\n", ManifestKey, 4, 1, `unknown key "signin"`},
		{"unknown package key", "[package]\nname = \"a\"\nstrict_signin = true\n", ManifestKey, 3, 1, `unknown key "strict_signin"`},
		{"wrong type", "[package]\nname = \"a\"\nstrict_signing = \"yes\"\n", ManifestType, 3, 18, "must be a boolean, got string"},
		{"two sources", "[package]\nname = \"a\"\n[dependencies.x]\noci = \"oci://h/r\"\ngit = \"https://h/r\"\nversion = \"1.0.0\"\n", ManifestSource, 5, 1, "more than one source"},
		{"no source", "[package]\nname = \"a\"\n[dependencies.x]\nversion = \"1.0.0\"\n", ManifestSource, 3, 1, "has no source"},
		{"missing version", "[package]\nname = \"a\"\n[dependencies]\nx = { oci = \"oci://h/r\" }\n", ManifestMissing, 4, 1, `required key "version"`},
		{"bad range", "[package]\nname = \"a\"\n[dependencies]\nx = { oci = \"oci://h/r\", version = \"^^1\" }\n", ManifestValue, 4, 36, "neither a version nor a semver range"},
		{"inline unknown", "[package]\nname = \"a\"\n[dependencies]\nx = { oci = \"oci://h/r\", versoin = \"1\" }\n", ManifestKey, 4, 26, `did you mean "version"?`},
		{"key of other kind", "[package]\nname = \"a\"\n[dependencies.x]\npath = \"../x\"\ntag = \"v1\"\n", ManifestKey, 5, 1, `unknown key "tag"`},
		{"tag in oci ref", "[package]\nname = \"a\"\n[dependencies.x]\noci = \"oci://h/r:1.0\"\nversion = \"1.0\"\n", ManifestValue, 4, 7, "must not carry a tag"},
		{"bad name", "[package]\nname = \"a\"\n[dependencies.my-chart]\npath = \"x\"\n", ManifestValue, 3, 1, "not an identifier"},
		{"absolute path", "[package]\nname = \"a\"\n[dependencies.x]\npath = \"/etc\"\n", ManifestValue, 4, 8, "must be relative"},
		{"no package", "[dependencies]\n", ManifestMissing, 1, 1, "no [package]"},
		{"bad edition", "[package]\nname = \"a\"\nedition = \"v2\"\n", ManifestValue, 3, 11, "unknown edition"},
		{"dep not a table", "[package]\nname = \"a\"\n[dependencies]\nx = \"1.0\"\n", ManifestType, 4, 5, "must be a table"},
		{"tag and rev", "[package]\nname = \"a\"\n[dependencies.x]\ngit = \"https://h/r\"\ntag = \"v1\"\nrev = \"abc\"\n", ManifestSource, 6, 1, "both tag and rev"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseManifest("akua.toml", []byte(tc.src))
			var l diag.List
			if !errors.As(err, &l) || len(l) == 0 {
				t.Fatalf("err = %v, want a diag.List", err)
			}
			d := l[0]
			for _, x := range l {
				if x.Code == tc.code {
					d = x
					break
				}
			}
			if d.Code != tc.code || d.Pos.Line != tc.line || (tc.col != 0 && d.Pos.Col != tc.col) || d.Pos.File != "akua.toml" {
				t.Errorf("got %s %v, want %s at %d:%d", d.Code.ID, d.Pos, tc.code.ID, tc.line, tc.col)
			}
			if !strings.Contains(d.Message+" "+d.Suggestion, tc.msg) {
				t.Errorf("message %q (help %q) lacks %q", d.Message, d.Suggestion, tc.msg)
			}
		})
	}
}

func TestVersions(t *testing.T) {
	tags := []string{"v1.0.0", "v1.2.0", "v1.3.1", "v1.10.0-rc.1", "v2.0.0", "latest", "1.3.1"}
	for _, tc := range []struct{ want, got string }{
		{"^1.2.0", "1.3.1"},
		{"~1.2", "v1.2.0"},
		{">=1.0.0", "v2.0.0"},
		{"1.x", "1.3.1"},
		{"latest", "latest"},
		{"v1.0.0", "v1.0.0"},
		{"1.0.0", "v1.0.0"},
		{"^3", ""},
	} {
		got, ok := Highest(tc.want, tags)
		if got != tc.got || ok != (tc.got != "") {
			t.Errorf("Highest(%q) = %q, %v; want %q", tc.want, got, ok, tc.got)
		}
	}
	if !IsRange("^1.2.0") || !IsRange("1.x") || IsRange("1.2.3") || IsRange("latest") {
		t.Error("IsRange")
	}
	if !Match("^1.2.0", "v1.9.0") || Match("^1.2.0", "2.0.0") || !Match("latest", "latest") {
		t.Error("Match")
	}
}
