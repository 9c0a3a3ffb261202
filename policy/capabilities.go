// This file holds the capabilities policies are compiled with: OPA's
// builtins minus those doing I/O or reading the clock or randomness.

package policy

import (
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// excludedNames says why builtins outside the Nondeterministic set are
// left out; names ending in "." are prefixes.
var excludedNames = map[string]string{
	// SPEC §8 lists these families whole, pure members included
	// (net.cidr_*, uuid.parse): the rule is simple to state and audit.
	"net.":  "the net.* builtins are left out (SPEC §8)",
	"rand.": "it reads randomness",
	"uuid.": "the uuid.* builtins are left out (SPEC §8)",
	// Declared deterministic by OPA, but they read the environment or
	// the clock.
	"opa.runtime": "it reads the environment of the process",
	"crypto.x509.parse_and_verify_certificates":              "it reads the clock to check validity",
	"crypto.x509.parse_and_verify_certificates_with_options": "it reads the clock to check validity unless given CurrentTime",
}

// nondeterministicWhy says why a builtin OPA flags Nondeterministic is
// left out; the default is the flag's meaning.
var nondeterministicWhy = map[string]string{
	"http.send":            "it does network I/O",
	"net.lookup_ip_addr":   "it does network I/O (DNS)",
	"time.now_ns":          "it reads the clock",
	"rand.intn":            "it reads randomness",
	"uuid.rfc4122":         "it reads randomness",
	"io.jwt.decode_verify": "it reads the clock to check expiry",
	"io.jwt.encode_sign":   "it reads randomness to sign",
	"json.match_schema":    "it may fetch remote schemas",
	"json.verify_schema":   "it may fetch remote schemas",
}

// excludedWhy returns the reason b is left out, or "" when it is kept.
func excludedWhy(b *ast.Builtin) string {
	if why, ok := excludedNames[b.Name]; ok {
		return why
	}
	for prefix, why := range excludedNames {
		if strings.HasSuffix(prefix, ".") && strings.HasPrefix(b.Name, prefix) {
			return why
		}
	}
	if b.Nondeterministic {
		if why, ok := nondeterministicWhy[b.Name]; ok {
			return why
		}
		return "its result is not deterministic"
	}
	return ""
}

// sandbox is computed once: the capabilities, and the excluded builtins
// with the reason for each.
var sandbox = sync.OnceValues(func() (*ast.Capabilities, map[string]string) {
	caps := ast.CapabilitiesForThisVersion()
	why := map[string]string{}
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if w := excludedWhy(b); w != "" {
			why[b.Name] = w
			continue
		}
		kept = append(kept, b)
	}
	caps.Builtins = kept
	// Belt and braces: an empty (not nil) list allows no host at all,
	// should a network builtin ever slip through.
	caps.AllowNet = []string{}
	return caps, why
})

// capabilities returns the capabilities policies compile with. Callers
// must not modify the result.
func capabilities() *ast.Capabilities {
	caps, _ := sandbox()
	return caps
}

// excluded reports whether the builtin name is left out, and why.
func excluded(name string) (why string, ok bool) {
	_, m := sandbox()
	why, ok = m[name]
	return why, ok
}

// ExcludedBuiltins returns the sorted names of the OPA builtins that
// policies cannot call: those doing I/O or reading the clock, randomness
// or the environment (SPEC §8, §12).
func ExcludedBuiltins() []string {
	_, m := sandbox()
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
