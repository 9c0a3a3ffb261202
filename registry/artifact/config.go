package artifact

// This file holds the config blob of a published package.

import (
	"encoding/json"
	"sort"

	"akua.dev/akua/lock"
)

// Config is the config blob of a published package: what the package is
// and what it depends on, readable without downloading the layer.
type Config struct {
	Name         string             `json:"name"`
	Version      string             `json:"version,omitempty"`
	Edition      string             `json:"edition,omitempty"`
	Dependencies []ConfigDependency `json:"dependencies,omitempty"`
}

// A ConfigDependency is one akua.lock entry, as published.
type ConfigDependency struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	Source  string `json:"source"`
	Digest  string `json:"digest"`
}

// newConfig builds the config of a package from its manifest and lock.
func newConfig(m *lock.Manifest, l *lock.Lock) Config {
	c := Config{Name: m.Package.Name, Version: m.Package.Version, Edition: m.Package.Edition}
	if l != nil {
		for _, e := range l.Packages {
			c.Dependencies = append(c.Dependencies, ConfigDependency{Name: e.Name, Version: e.Version, Source: e.Source, Digest: e.Digest})
		}
	}
	sort.Slice(c.Dependencies, func(i, j int) bool { return c.Dependencies[i].Name < c.Dependencies[j].Name })
	return c
}

// marshal returns c as JSON; struct field order and the sorted
// dependencies make it deterministic.
func (c Config) marshal() ([]byte, error) { return json.Marshal(c) }
