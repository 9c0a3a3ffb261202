package lock

import (
	"bytes"
	"testing"
)

// The readers must never panic, whatever the input; what parses must
// format and parse back to the same lock.
func FuzzParseLock(f *testing.F) {
	l := &Lock{Version: 1}
	l.Set(Entry{Name: "a", Version: "1.0.0", Source: "oci://h/a", Digest: d1, Dependencies: []string{"b"}})
	f.Add(l.Format())
	f.Add([]byte("version = 1\n[[package]]\nname = 'x'\n"))
	f.Add([]byte("version = [1, {a = 2}]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		l, err := ParseLock("akua.lock", src)
		if err != nil {
			return
		}
		out := l.Format()
		back, err := ParseLock("akua.lock", out)
		if err != nil {
			t.Fatalf("formatted lock does not parse: %v\n%s", err, out)
		}
		if !bytes.Equal(back.Format(), out) {
			t.Fatalf("format is not stable:\n%s\n%s", out, back.Format())
		}
	})
}

// Whatever a valid akua.toml looks like, adding a dependency keeps it
// valid and declares the dependency, and removing it again declares none.
func FuzzEditManifest(f *testing.F) {
	f.Add([]byte(tricky))
	f.Add([]byte(goodManifest))
	f.Add([]byte("[package]\nname = \"a\""))
	f.Add([]byte("[package]\nname = \"a\"\n[dependencies.fuzz]\npath = \"x\"\n[dependencies.fuzz.replace]\npath = \"y\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := ParseManifest("akua.toml", src); err != nil {
			return
		}
		d := Dependency{Name: "fuzz", Repo: "https://c.example.com", Chart: "c", Version: "^1.0.0"}
		out, err := SetDependency(src, d)
		if err != nil {
			return // a layout the editor declines, with an error
		}
		m, err := ParseManifest("akua.toml", out)
		if err != nil {
			t.Fatalf("edit broke the file: %v\n--- before\n%s\n--- after\n%s", err, src, out)
		}
		got, ok := m.Dependency("fuzz")
		if !ok || got.Repo != d.Repo || got.Version != d.Version {
			t.Fatalf("edit did not declare the dependency: %+v\n%s", got, out)
		}
		out, removed, err := RemoveDependency(out, "fuzz")
		if err != nil || !removed {
			t.Fatalf("remove: %v %v", removed, err)
		}
		m, err = ParseManifest("akua.toml", out)
		if err != nil {
			t.Fatalf("remove broke the file: %v\n%s", err, out)
		}
		if _, ok := m.Dependency("fuzz"); ok {
			t.Fatalf("still declared after remove:\n%s", out)
		}
	})
}
