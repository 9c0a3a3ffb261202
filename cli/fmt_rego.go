package cli

// This file is the Rego side of `akua fmt` (SPEC §8, §11): .rego files
// are formatted exactly as `opa fmt` formats them, by OPA's formatter
// (package policy). The fmt command picks the formatter by extension
// through formatSource.

import (
	"path/filepath"

	"akua.dev/akua/kcl/syntax"
	"akua.dev/akua/policy"
)

// isRegoFile reports whether `akua fmt` formats name as Rego.
func isRegoFile(name string) bool { return filepath.Ext(name) == ".rego" }

// isFormattable reports whether `akua fmt` formats name when it finds
// it in a directory: KCL (.k) and Rego (.rego) files.
func isFormattable(name string) bool {
	return filepath.Ext(name) == ".k" || isRegoFile(name)
}

// formatRego returns src, the contents of the Rego file path, formatted
// as `opa fmt` formats it. A syntax error is a diag.List with positions.
func formatRego(path string, src []byte) ([]byte, error) {
	return policy.Format(path, src)
}

// formatSource formats src by the extension of path: Rego for .rego
// files, KCL for anything else (standard input included).
func formatSource(path string, src []byte) ([]byte, error) {
	if isRegoFile(path) {
		return formatRego(path, src)
	}
	return syntax.FormatSource(path, src)
}
