package kclcli

import (
	"reflect"
	"strings"
	"testing"

	"akua.dev/akua/kcl"
)

func TestParse(t *testing.T) {
	tests := []struct {
		argv string
		want Invocation
	}{
		{"main.k", Invocation{Files: []string{"main.k"}}},
		{"main.k pkg.k", Invocation{Files: []string{"main.k", "pkg.k"}}},
		{"main.k -D a=1 -Db=2 --argument=c=3 --argument d=4", Invocation{
			Files:   []string{"main.k"},
			Options: kcl.RunOptions{Options: []string{"a=1", "b=2", "c=3", "d=4"}},
		}},
		// Values are verbatim: commas and quotes are not interpreted.
		{`main.k -D x={"a":[1,2]} -D y="007" -S :d.{a,b} -O :p.q='v' -O :p.r-`, Invocation{
			Files: []string{"main.k"},
			Options: kcl.RunOptions{
				Options:       []string{`x={"a":[1,2]}`, `y="007"`},
				PathSelectors: []string{":d.{a,b}"},
				Overrides:     []string{":p.q='v'", ":p.r-"},
			},
		}},
		// Empty and odd values reach the engine, which rejects them.
		{"main.k -D =1 -D k=", Invocation{
			Files:   []string{"main.k"},
			Options: kcl.RunOptions{Options: []string{"=1", "k="}},
		}},
		{"main.k -n -r -d -k -H -l", Invocation{
			Files: []string{"main.k"},
			Options: kcl.RunOptions{DisableNone: true, StrictRangeCheck: true,
				Debug: true, SortKeys: true, ShowHidden: true, ListOptions: true},
		}},
		{"main.k --disable_none --strict_range_check --debug --sort_keys --show_hidden --list_options", Invocation{
			Files: []string{"main.k"},
			Options: kcl.RunOptions{DisableNone: true, StrictRangeCheck: true,
				Debug: true, SortKeys: true, ShowHidden: true, ListOptions: true},
		}},
		{"-nd main.k", Invocation{
			Files:   []string{"main.k"},
			Options: kcl.RunOptions{DisableNone: true, Debug: true},
		}},
		// Upstream's multi-valued -Y: positional YAML/JSON files are settings.
		{"main.k -Y one.yaml two.yml three.JSON", Invocation{
			Files:   []string{"main.k"},
			Options: kcl.RunOptions{Settings: []string{"one.yaml", "two.yml", "three.JSON"}},
		}},
		{"main.k -o out.yaml -S a -S b", Invocation{
			Files:   []string{"main.k"},
			Output:  "out.yaml",
			Options: kcl.RunOptions{PathSelectors: []string{"a", "b"}},
		}},
		// ${KCL_MOD} is the engine's to expand, not the parser's.
		{"main.k ${KCL_MOD}/pkg/pkg.k", Invocation{Files: []string{"main.k", "${KCL_MOD}/pkg/pkg.k"}}},
		{"main.k -- -odd.k", Invocation{Files: []string{"main.k", "-odd.k"}}},
	}
	for _, tt := range tests {
		got, err := Parse(strings.Fields(tt.argv))
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.argv, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) =\n %+v\nwant\n %+v", tt.argv, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, argv := range []string{
		"main.k --bogus",
		"main.k -Z",
		"main.k -D",
		"main.k -o",
		"main.k -h",
	} {
		if inv, err := Parse(strings.Fields(argv)); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", argv, inv)
		}
	}
}

func TestInvocationDoesNotAlias(t *testing.T) {
	f := Flags{Arguments: []string{"a=1"}}
	inv := f.Invocation(nil)
	inv.Options.Options[0] = "changed"
	if f.Arguments[0] != "a=1" {
		t.Fatal("Invocation shares its slices with Flags")
	}
}
