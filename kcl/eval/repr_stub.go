package eval

// Repr is replaced by the full implementation in repr.go.
func Repr(v Value) string { return v.String() }

// ToStr is KCL's str(v): strings as they are, containers in repr form.
// The type Str owns the name Str, so the conversion is ToStr. repr.go
// must provide it when it replaces this file.
func ToStr(v Value) string { return v.String() }
