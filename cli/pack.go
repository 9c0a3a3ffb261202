package cli

// This file holds `akua pack`.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"akua.dev/akua/registry/pack"
)

func init() { addCommand(newPackCmd) }

// packReport is `akua pack --json` output.
type packReport struct {
	File   string   `json:"file"`
	Digest string   `json:"digest"`
	Size   int      `json:"size"`
	Files  []string `json:"files"`
}

func newPackCmd() *cobra.Command {
	var f artifactFlags
	var out string
	cmd := &cobra.Command{
		Use:   "pack",
		Short: "Write the package as a reproducible .tar.gz and print its sha256",
		Long: `Pack writes the package directory as a .tar.gz that is the same, byte
for byte, on any machine and from any checkout: entries sorted, times,
owners and modes normalized, gzip header without name or time.

Left out: deploy/ and rendered/ (render output), every directory whose
name starts with a dot (.git, .akua, ...), and the top-level inputs.yaml
(local inputs). Symbolic links are refused.

The sha256 printed is the digest 'akua publish' gives the package layer.`,
		Example: `  akua pack
  akua pack --package ./app --out app.tar.gz --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runPack(cmd, &f, out) },
	}
	f.bindPackage(cmd, "the package directory (or a file in it)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "the archive to write; default <name>-<version>.tar.gz in the current directory, - for stdout")
	return cmd
}

func runPack(cmd *cobra.Command, f *artifactFlags, out string) error {
	dir, err := f.dir()
	if err != nil {
		return err
	}
	m, err := manifestOptional(dir)
	if err != nil {
		return artifactError(err)
	}
	if out == "" {
		if m == nil {
			return usageErrorf(cmd, "%s has no akua.toml to name the archive after; pass --out", dir)
		}
		out = m.Package.Name + ".tar.gz"
		if v := m.Package.Version; v != "" {
			out = m.Package.Name + "-" + v + ".tar.gz"
		}
	}
	var opts pack.Options
	// An archive written inside the package must not pack itself next
	// time.
	if out != "-" {
		if rel, ok := within(dir, out); ok {
			opts.Exclude = append(opts.Exclude, rel)
		}
	}
	a, err := pack.Pack(dir, opts)
	if err != nil {
		return artifactError(err)
	}
	if out == "-" {
		if _, err := cmd.OutOrStdout().Write(a.Data); err != nil {
			return systemError(err)
		}
		fmt.Fprintln(cmd.ErrOrStderr(), a.Digest)
		return nil
	}
	if err := writeFileAtomic(out, a.Data); err != nil {
		return systemError(err)
	}
	if jsonOutput(cmd) {
		return writeJSON(cmd.OutOrStdout(), packReport{File: out, Digest: a.Digest.String(), Size: len(a.Data), Files: a.Files})
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "packed %s (%s, %d bytes)\n", out, plural(len(a.Files), "file"), len(a.Data))
	_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s  %s\n", a.Digest, out)
	return err
}

// within reports whether file is inside dir, and its path relative to
// dir with '/'.
func within(dir, file string) (string, bool) {
	ad, err1 := filepath.Abs(dir)
	af, err2 := filepath.Abs(file)
	if err1 != nil || err2 != nil {
		return "", false
	}
	if d, err := filepath.EvalSymlinks(ad); err == nil {
		ad = d
	}
	if d, err := filepath.EvalSymlinks(filepath.Dir(af)); err == nil {
		af = filepath.Join(d, filepath.Base(af))
	}
	rel, err := filepath.Rel(ad, af)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(os.PathSeparator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
