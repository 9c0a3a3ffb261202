package syntax

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"akua.dev/akua/kcl/diag"
)

func TestZZShow(t *testing.T) {
	for _, f := range strings.Fields(os.Getenv("FILES")) {
		src, _ := os.ReadFile(f)
		_, err := ParseFile(filepath.Base(f), src)
		fmt.Printf("== %s\n", f)
		for _, d := range diag.From(err) {
			fmt.Printf("   %s %s\n", d.Code.Title, d.Error())
		}
	}
}
