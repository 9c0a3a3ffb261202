package eval

import "akua.dev/akua/kcl/syntax"

// A Dict is an insertion-ordered KCL dict (a "config"). Keys are
// strings, as upstream. Each entry remembers the operator it was
// written with (`:` union, `=` override, `+=` insert) and an optional
// list insert index, because unification of configs depends on them.
//
// Most configs are small, so lookups scan the keys; an index map is
// built only past smallDict entries.
type Dict struct {
	keys  []string
	ents  []*DictEntry
	index map[string]int
}

// smallDict is the size past which a Dict keeps an index map.
const smallDict = 8

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
	return &Dict{keys: make([]string, 0, n), ents: make([]*DictEntry, 0, n)}
}

func (d *Dict) Type() string   { return "dict" }
func (d *Dict) String() string { return Repr(d) }
func (d *Dict) Truth() bool    { return len(d.keys) > 0 }

// Len returns the number of keys.
func (d *Dict) Len() int { return len(d.keys) }

// Keys returns the keys in insertion order. The slice must not be
// modified.
func (d *Dict) Keys() []string { return d.keys }

// find returns the position of key, or -1.
func (d *Dict) find(key string) int {
	if d.index != nil {
		if i, ok := d.index[key]; ok {
			return i
		}
		return -1
	}
	for i, k := range d.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// Get returns the value of key.
func (d *Dict) Get(key string) (Value, bool) {
	if i := d.find(key); i >= 0 {
		return d.ents[i].Value, true
	}
	return nil, false
}

// Entry returns key's entry, or nil.
func (d *Dict) Entry(key string) *DictEntry {
	if i := d.find(key); i >= 0 {
		return d.ents[i]
	}
	return nil
}

// Has reports whether key is present.
func (d *Dict) Has(key string) bool { return d.find(key) >= 0 }

// Set sets key to v with the union operator, keeping its position when
// it exists.
func (d *Dict) Set(key string, v Value) { d.SetEntry(key, v, syntax.OpUnion, NoIndex) }

// SetEntry sets key's value and metadata.
func (d *Dict) SetEntry(key string, v Value, op syntax.EntryOp, index int) {
	if i := d.find(key); i >= 0 {
		e := d.ents[i]
		e.Value, e.Op, e.Index = v, op, index
		return
	}
	d.keys = append(d.keys, key)
	d.ents = append(d.ents, &DictEntry{Value: v, Op: op, Index: index})
	switch {
	case d.index != nil:
		d.index[key] = len(d.keys) - 1
	case len(d.keys) > smallDict:
		d.reindex()
	}
}

func (d *Dict) reindex() {
	d.index = make(map[string]int, len(d.keys))
	for i, k := range d.keys {
		d.index[k] = i
	}
}

// Delete removes key.
func (d *Dict) Delete(key string) {
	i := d.find(key)
	if i < 0 {
		return
	}
	d.keys = append(d.keys[:i:i], d.keys[i+1:]...)
	d.ents = append(d.ents[:i:i], d.ents[i+1:]...)
	if d.index != nil {
		d.reindex()
	}
}

// Items calls f for each entry in order until f returns false.
func (d *Dict) Items(f func(key string, v Value) bool) {
	for i, k := range d.keys {
		if !f(k, d.ents[i].Value) {
			return
		}
	}
}

// Copy returns a shallow copy of d (metadata included).
func (d *Dict) Copy() *Dict {
	c := NewDict(len(d.keys))
	for i, k := range d.keys {
		e := *d.ents[i]
		c.keys = append(c.keys, k)
		c.ents = append(c.ents, &e)
	}
	if len(c.keys) > smallDict {
		c.reindex()
	}
	return c
}
