package lock

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

var (
	d1 = "sha256:" + strings.Repeat("a", 64)
	d2 = "sha256:" + strings.Repeat("b", 64)
)

func TestLockRoundTrip(t *testing.T) {
	l := &Lock{Version: 1}
	l.Set(Entry{Name: "zeta", Version: "1.0.0", Source: "oci://h/zeta", Digest: d1, Signature: d2})
	l.Set(Entry{Name: "alpha", Version: "v1.3.0", Source: "git+https://h/a.git#0123456789abcdef0123456789abcdef01234567", Digest: d2, Dependencies: []string{"zeta"}})
	l.Set(Entry{Name: "mid", Source: "path+../mid", Digest: d1, Replaced: ""})
	l.Set(Entry{Name: "rep", Version: "^2", Source: "repo+https://charts.example.com?chart=x", Digest: d1, Replaced: "path+vendor/x"})
	want := `version = 1

[[package]]
name = "alpha"
version = "v1.3.0"
source = "git+https://h/a.git#0123456789abcdef0123456789abcdef01234567"
digest = "sha256:` + strings.Repeat("b", 64) + `"
dependencies = ["zeta"]

[[package]]
name = "mid"
source = "path+../mid"
digest = "sha256:` + strings.Repeat("a", 64) + `"

[[package]]
name = "rep"
version = "^2"
source = "repo+https://charts.example.com?chart=x"
digest = "sha256:` + strings.Repeat("a", 64) + `"
replaced = "path+vendor/x"

[[package]]
name = "zeta"
version = "1.0.0"
source = "oci://h/zeta"
digest = "sha256:` + strings.Repeat("a", 64) + `"
signature = "sha256:` + strings.Repeat("b", 64) + `"
`
	got := string(l.Format())
	if got != want {
		t.Fatalf("Format:\n%s\nwant:\n%s", got, want)
	}
	back, err := ParseLock("akua.lock", []byte(got))
	if err != nil {
		t.Fatal(err)
	}
	if string(back.Format()) != want {
		t.Errorf("round trip differs:\n%s", back.Format())
	}
	dir := t.TempDir()
	if err := WriteLock(dir, back); err != nil {
		t.Fatal(err)
	}
	disk, _ := os.ReadFile(filepath.Join(dir, LockFile))
	if string(disk) != want {
		t.Errorf("written file differs")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestParseLockErrors(t *testing.T) {
	entry := "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"oci://h/a\"\ndigest = \"" + d1 + "\"\n"
	tests := []struct {
		name, src string
		code      diag.Code
		line      int
	}{
		{"syntax", "version = 1\n[[package]\n", LockParse, 2},
		{"no version", entry, LockMissing, 1},
		{"future version", "version = 2\n", LockVersion, 1},
		{"unknown key", "version = 1\n" + entry + "timestamp = 12\n", LockKey, 7},
		{"wrong type", "version = 1\n" + strings.Replace(entry, `version = "1.0.0"`, "version = 1.0", 1), LockType, 4},
		{"bad digest", "version = 1\n" + strings.Replace(entry, d1, "sha256:abc", 1), LockValue, 6},
		{"missing digest", "version = 1\n" + strings.Replace(entry, "digest = \""+d1+"\"\n", "", 1), LockMissing, 2},
		{"bad source", "version = 1\n" + strings.Replace(entry, "oci://h/a", "ftp://h/a", 1), LockValue, 5},
		{"duplicate", "version = 1\n" + entry + "\n" + entry, LockDuplicate, 8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseLock("akua.lock", []byte(tc.src))
			var l diag.List
			if !errors.As(err, &l) {
				t.Fatalf("err = %v", err)
			}
			if l[0].Code != tc.code || l[0].Pos.Line != tc.line {
				t.Errorf("got %s at %v (%s), want %s at line %d", l[0].Code.ID, l[0].Pos, l[0].Message, tc.code.ID, tc.line)
			}
		})
	}
}

func TestStale(t *testing.T) {
	commit := "0123456789abcdef0123456789abcdef01234567"
	tests := []struct {
		d    Dependency
		e    Entry
		want string
	}{
		{Dependency{OCI: "oci://h/r", Version: "^1.2.0"}, Entry{Source: "oci://h/r", Version: "1.4.0"}, ""},
		{Dependency{OCI: "oci://h/r", Version: "^2.0.0"}, Entry{Source: "oci://h/r", Version: "1.4.0"}, "does not satisfy"},
		{Dependency{OCI: "oci://h/r2", Version: "1.4.0"}, Entry{Source: "oci://h/r", Version: "1.4.0"}, "source changed"},
		{Dependency{Git: "https://h/g", Tag: "^1"}, Entry{Source: "git+https://h/g#" + commit, Version: "v1.3.0"}, ""},
		{Dependency{Git: "https://h/g", Rev: "main"}, Entry{Source: "git+https://h/g#" + commit, Version: "dev"}, "version changed"},
		{Dependency{Path: "./x/"}, Entry{Source: "path+x"}, ""},
		{Dependency{Repo: "https://c/", Chart: "p", Version: "6.x"}, Entry{Source: "repo+https://c?chart=p", Version: "6.1.0"}, ""},
		{Dependency{OCI: "oci://h/r", Version: "1", Replace: "../r"}, Entry{Source: "oci://h/r", Version: "1"}, "replace was added"},
	}
	for _, tc := range tests {
		got := Stale(tc.d, tc.e)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("Stale(%+v, %+v) = %q, want %q", tc.d, tc.e, got, tc.want)
		}
	}
}
