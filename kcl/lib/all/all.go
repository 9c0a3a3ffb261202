// Package all registers every KCL system module of kcl/lib: import it
// for its side effect.
//
//	import _ "akua.dev/akua/kcl/lib/all"
package all

import (
	_ "akua.dev/akua/kcl/lib/base32"
	_ "akua.dev/akua/kcl/lib/base64"
	_ "akua.dev/akua/kcl/lib/collection"
	_ "akua.dev/akua/kcl/lib/crypto"
	_ "akua.dev/akua/kcl/lib/datetime"
	_ "akua.dev/akua/kcl/lib/file"
	_ "akua.dev/akua/kcl/lib/json"
	_ "akua.dev/akua/kcl/lib/manifests"
	_ "akua.dev/akua/kcl/lib/math"
	_ "akua.dev/akua/kcl/lib/net"
	_ "akua.dev/akua/kcl/lib/regex"
	_ "akua.dev/akua/kcl/lib/runtime"
	_ "akua.dev/akua/kcl/lib/template"
	_ "akua.dev/akua/kcl/lib/units"
	_ "akua.dev/akua/kcl/lib/yaml"
)
