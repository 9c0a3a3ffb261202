package eval

import "akua.dev/akua/kcl/syntax"

// A Dict is an insertion-ordered KCL dict (a "config"). Keys are
// strings, as upstream. Each entry remembers the operator it was
// written with (`:` union, `=` override, `+=` insert) and an optional
// list insert index, because unification of configs depends on them.
type Dict struct {
	keys    []string
	entries map[string]*DictEntry
}

// A DictEntry is one key's value and merge metadata.
type DictEntry struct {
	Value Value
	Op    syntax.EntryOp
	// Index is the list index of `a[i] = v` / `a[i] += v` entries
	// (negative ones count from the end), or NoIndex.
	Index int
}

// NoIndex marks a dict entry that applies to the whole value.
const NoIndex = -1 << 31

// NewDict returns an empty dict with room for n keys.
func NewDict(n int) *Dict {
	return &Dict{keys: make([]string, 0, n), entries: make(map[string]*DictEntry, n)}
}

func (d *Dict) Type() string   { return "dict" }
func (d *Dict) String() string { return Repr(d) }
func (d *Dict) Truth() bool    { return len(d.keys) > 0 }

// Len returns the number of keys.
func (d *Dict) Len() int { return len(d.keys) }

// Keys returns the keys in insertion order. The slice must not be
// modified.
func (d *Dict) Keys() []string { return d.keys }

// Get returns the value of key.
func (d *Dict) Get(key string) (Value, bool) {
	e, ok := d.entries[key]
	if !ok {
		return nil, false
	}
	return e.Value, true
}

// Entry returns key's entry, or nil.
func (d *Dict) Entry(key string) *DictEntry { return d.entries[key] }

// Has reports whether key is present.
func (d *Dict) Has(key string) bool { _, ok := d.entries[key]; return ok }

// Set sets key to v with the union operator, keeping its position when
// it exists.
func (d *Dict) Set(key string, v Value) { d.SetEntry(key, v, syntax.OpUnion, NoIndex) }

// SetEntry sets key's value and metadata.
func (d *Dict) SetEntry(key string, v Value, op syntax.EntryOp, index int) {
	if e, ok := d.entries[key]; ok {
		e.Value, e.Op, e.Index = v, op, index
		return
	}
	d.keys = append(d.keys, key)
	d.entries[key] = &DictEntry{Value: v, Op: op, Index: index}
}

// Delete removes key.
func (d *Dict) Delete(key string) {
	if _, ok := d.entries[key]; !ok {
		return
	}
	delete(d.entries, key)
	for i, k := range d.keys {
		if k == key {
			d.keys = append(d.keys[:i:i], d.keys[i+1:]...)
			break
		}
	}
}

// Items calls f for each entry in order until f returns false.
func (d *Dict) Items(f func(key string, v Value) bool) {
	for _, k := range d.keys {
		if !f(k, d.entries[k].Value) {
			return
		}
	}
}

// Copy returns a shallow copy of d (metadata included).
func (d *Dict) Copy() *Dict {
	c := NewDict(len(d.keys))
	for _, k := range d.keys {
		e := *d.entries[k]
		c.keys = append(c.keys, k)
		c.entries[k] = &e
	}
	return c
}
