package diag

import "testing"

func TestNearest(t *testing.T) {
	cands := []string{"replicas", "image", "labels", "name"}
	for _, tc := range []struct{ in, want string }{
		{"replica", "replicas"},
		{"imgae", "image"},
		{"lables", "labels"},
		{"nmae", "name"},
		{"zzzzzz", ""},
		{"name", ""},
	} {
		if got := Nearest(tc.in, cands); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
