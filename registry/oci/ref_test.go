package oci

import "testing"

func TestParseRef(t *testing.T) {
	const d = "sha256:0000000000000000000000000000000000000000000000000000000000000000"
	for _, tc := range []struct {
		in   string
		want Ref
		str  string
	}{
		{"oci://ghcr.io/acme/app", Ref{Registry: "ghcr.io", Repository: "acme/app"}, "ghcr.io/acme/app"},
		{"ghcr.io/acme/app:1.2.3", Ref{Registry: "ghcr.io", Repository: "acme/app", Tag: "1.2.3"}, "ghcr.io/acme/app:1.2.3"},
		{"oci://127.0.0.1:5000/app@" + d, Ref{Registry: "127.0.0.1:5000", Repository: "app", Digest: d}, "127.0.0.1:5000/app@" + d},
		{"oci://localhost:5000/a/b:v1@" + d, Ref{Registry: "localhost:5000", Repository: "a/b", Tag: "v1", Digest: d}, "localhost:5000/a/b:v1@" + d},
	} {
		got, err := ParseRef(tc.in)
		if err != nil {
			t.Errorf("ParseRef(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseRef(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
		if got.String() != tc.str {
			t.Errorf("ParseRef(%q).String() = %q, want %q", tc.in, got.String(), tc.str)
		}
	}
	for _, bad := range []string{"", "app", "oci://", "https://ghcr.io/a", "ghcr.io/UPPER", "ghcr.io/a@sha256:zz", "ghcr.io/a:bad tag"} {
		if r, err := ParseRef(bad); err == nil {
			t.Errorf("ParseRef(%q) = %+v, want an error", bad, r)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{
		"localhost:5000": true, "127.0.0.1:1234": true, "127.3.2.1": true, "[::1]:80": true,
		"ghcr.io": false, "10.0.0.1:5000": false, "localhost.example.com": false,
	} {
		if got := (Ref{Registry: host}).IsLoopback(); got != want {
			t.Errorf("IsLoopback(%s) = %v, want %v", host, got, want)
		}
	}
}
