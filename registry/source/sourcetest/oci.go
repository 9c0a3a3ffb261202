// This file publishes test artifacts into an OCI registry the way their
// real tools do: `helm push` for charts, `kpm push` for KCL packages.

package sourcetest

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"akua.dev/akua/registry/oci"
)

// PushChart publishes a chart .tgz as an OCI Helm chart (config
// application/vnd.cncf.helm.config.v1+json, one chart content layer) at
// ref (oci://host/repo:version) and returns the manifest digest.
func PushChart(t testing.TB, c *oci.Client, ref, name, version string, tgz []byte) string {
	t.Helper()
	cfg, _ := json.Marshal(map[string]string{"apiVersion": "v2", "name": name, "version": version})
	return push(t, c, ref, oci.Artifact{
		Config: &oci.Blob{MediaType: oci.MediaTypeHelmConfig, Data: cfg},
		Layers: []oci.Blob{{MediaType: oci.MediaTypeHelmChart, Data: tgz}},
		Annotations: map[string]string{
			oci.AnnotationTitle: name, oci.AnnotationVersion: version,
		},
	})
}

// PushKCL publishes the KCL package in dir as kpm does: an uncompressed
// tar of the package files as the only layer and org.kcllang.package.*
// annotations on the manifest.
func PushKCL(t testing.TB, c *oci.Client, ref, name, version, dir string) string {
	t.Helper()
	return push(t, c, ref, oci.Artifact{
		Config: &oci.Blob{MediaType: oci.MediaTypeImageConfig, Data: []byte("{}")},
		Layers: []oci.Blob{{MediaType: oci.MediaTypeKCLPackageLayer, Data: Tar(t, dir),
			Annotations: map[string]string{oci.AnnotationTitle: name + "_" + version + ".tar"}}},
		Annotations: map[string]string{
			oci.AnnotationKCLName: name, oci.AnnotationKCLVersion: version,
		},
	})
}

func push(t testing.TB, c *oci.Client, ref string, a oci.Artifact) string {
	t.Helper()
	r, err := oci.ParseRef(ref)
	if err != nil {
		t.Fatal(err)
	}
	desc, err := c.Push(context.Background(), r, a, oci.PushOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	return desc.Digest.String()
}

// Tar returns an uncompressed, reproducible tar of the regular files
// under dir, named relative to dir.
func Tar(t testing.TB, dir string) []byte {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	sort.Strings(files)
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, p)
		tw.WriteHeader(&tar.Header{Name: filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(data)), ModTime: time.Unix(0, 0), Typeflag: tar.TypeReg})
		tw.Write(data)
	}
	tw.Close()
	return buf.Bytes()
}
