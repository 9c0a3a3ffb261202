package oci_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/opencontainers/go-digest"

	"akua.dev/akua/registry/oci"
	"akua.dev/akua/registry/oci/ocitest"
)

func mustRef(t *testing.T, s string) oci.Ref {
	t.Helper()
	r, err := oci.ParseRef(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// packageArtifact is an artifact shaped like an akua package.
func packageArtifact(content string) oci.Artifact {
	return oci.Artifact{
		ArtifactType: oci.ArtifactTypeAkuaPackage,
		Config:       &oci.Blob{MediaType: oci.MediaTypeAkuaPackageConfig, Data: []byte(`{"name":"app","version":"1.0.0"}`)},
		Layers:       []oci.Blob{{MediaType: oci.MediaTypeAkuaPackageLayer, Data: []byte(content)}},
		Annotations: map[string]string{
			oci.AnnotationPackageName: "app", oci.AnnotationPackageVer: "1.0.0",
			oci.AnnotationTitle: "app", oci.AnnotationVersion: "1.0.0",
		},
	}
}

func TestPushFetchRoundTrip(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	c := oci.New(oci.Options{})
	ref := mustRef(t, reg.Ref("acme/app:1.0.0"))

	desc, err := c.Push(ctx, ref, packageArtifact("layer bytes"), oci.PushOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Resolve(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if got.Digest != desc.Digest {
		t.Fatalf("Resolve = %s, pushed %s", got.Digest, desc.Digest)
	}
	m, err := c.FetchManifest(ctx, ref.WithDigest(desc.Digest))
	if err != nil {
		t.Fatal(err)
	}
	if m.Kind() != oci.KindAkuaPackage {
		t.Errorf("Kind = %s, want %s", m.Kind(), oci.KindAkuaPackage)
	}
	if info := m.Info(); info.Name != "app" || info.Version != "1.0.0" {
		t.Errorf("Info = %+v", info)
	}
	layer, ok := m.ContentLayer()
	if !ok {
		t.Fatal("no content layer")
	}
	data, err := c.FetchBlob(ctx, ref, layer)
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != "layer bytes" {
		t.Errorf("layer = %q", data)
	}
	tags, err := c.Tags(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(tags, []string{"1.0.0"}) {
		t.Errorf("Tags = %v", tags)
	}
	if tags, err := c.Tags(ctx, mustRef(t, reg.Ref("nothing/here"))); err != nil || len(tags) != 0 {
		t.Errorf("Tags of a missing repository = %v, %v; want none, nil", tags, err)
	}
}

func TestManifestIsDeterministic(t *testing.T) {
	a, da, err := oci.MarshalManifest(packageArtifact("x"))
	if err != nil {
		t.Fatal(err)
	}
	b, db, _ := oci.MarshalManifest(packageArtifact("x"))
	if !bytes.Equal(a, b) || da.Digest != db.Digest {
		t.Fatalf("manifests differ:\n%s\n%s", a, b)
	}
	if bytes.Contains(a, []byte("created")) {
		t.Errorf("manifest carries a creation time: %s", a)
	}
}

func TestPushRefusesExistingTag(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	c := oci.New(oci.Options{})
	ref := mustRef(t, reg.Ref("acme/app:1.0.0"))
	first, err := c.Push(ctx, ref, packageArtifact("one"), oci.PushOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Push(ctx, ref, packageArtifact("two"), oci.PushOptions{})
	var te *oci.TagExistsError
	if !errors.As(err, &te) || !errors.Is(err, oci.ErrTagExists) {
		t.Fatalf("second push: %v, want a TagExistsError", err)
	}
	if te.Digest != first.Digest || te.Same {
		t.Errorf("TagExistsError = %+v", te)
	}
	if _, err := c.Push(ctx, ref, packageArtifact("one"), oci.PushOptions{}); !errors.As(err, &te) || !te.Same {
		t.Errorf("identical push: %v, want a TagExistsError with Same", err)
	}
	second, err := c.Push(ctx, ref, packageArtifact("two"), oci.PushOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := c.Resolve(ctx, ref); got.Digest != second.Digest {
		t.Errorf("after a forced push the tag names %s, want %s", got.Digest, second.Digest)
	}
}

func TestTamperedBlobRefused(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	c := oci.New(oci.Options{})
	ref := mustRef(t, reg.Ref("acme/app:1.0.0"))
	desc, err := c.Push(ctx, ref, packageArtifact("the real bytes"), oci.PushOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := c.FetchManifest(ctx, ref.WithDigest(desc.Digest))
	if err != nil {
		t.Fatal(err)
	}
	layer, _ := m.ContentLayer()
	reg.TamperBlob(layer.Digest, []byte("the evil bytes"))
	if _, err := c.FetchBlob(ctx, ref, layer); !errors.Is(err, oci.ErrDigestMismatch) {
		t.Fatalf("FetchBlob of a tampered blob: %v, want ErrDigestMismatch", err)
	}
	reg.TamperBlob(layer.Digest, []byte("longer evil bytes than the real ones"))
	if _, err := c.FetchBlob(ctx, ref, layer); !errors.Is(err, oci.ErrDigestMismatch) {
		t.Fatalf("FetchBlob of a tampered blob of another size: %v, want ErrDigestMismatch", err)
	}
}

func TestTamperedManifestRefused(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	c := oci.New(oci.Options{})
	ref := mustRef(t, reg.Ref("acme/app:1.0.0"))
	desc, err := c.Push(ctx, ref, packageArtifact("x"), oci.PushOptions{})
	if err != nil {
		t.Fatal(err)
	}
	evil, _, _ := oci.MarshalManifest(packageArtifact("y"))
	reg.Hook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodGet || filepath.Base(r.URL.Path) != desc.Digest.String() {
			return false
		}
		// Announce the digest asked for, serve other bytes.
		w.Header().Set("Content-Type", oci.MediaTypeImageManifest)
		w.Header().Set("Docker-Content-Digest", desc.Digest.String())
		w.Write(evil)
		return true
	})
	if _, err := c.FetchManifest(ctx, ref.WithDigest(desc.Digest)); !errors.Is(err, oci.ErrDigestMismatch) {
		t.Fatalf("FetchManifest of a tampered manifest: %v, want ErrDigestMismatch", err)
	}
}

func TestKinds(t *testing.T) {
	for _, tc := range []struct {
		name string
		a    oci.Artifact
		want oci.Kind
	}{
		{"akua", packageArtifact("x"), oci.KindAkuaPackage},
		{"helm", oci.Artifact{
			Config:      &oci.Blob{MediaType: oci.MediaTypeHelmConfig, Data: []byte(`{"name":"podinfo","version":"6.0.0"}`)},
			Layers:      []oci.Blob{{MediaType: oci.MediaTypeHelmChart, Data: []byte("tgz")}},
			Annotations: map[string]string{oci.AnnotationTitle: "podinfo", oci.AnnotationVersion: "6.0.0"},
		}, oci.KindHelmChart},
		{"kpm", oci.Artifact{
			ArtifactType: oci.MediaTypeKCLPackageLayer,
			Layers:       []oci.Blob{{MediaType: oci.MediaTypeKCLPackageLayer, Data: []byte("tar")}},
			Annotations:  map[string]string{oci.AnnotationKCLName: "k8s", oci.AnnotationKCLVersion: "1.31.2"},
		}, oci.KindKCLPackage},
		{"yaml", oci.Artifact{
			ArtifactType: oci.ArtifactTypeManifests,
			Layers:       []oci.Blob{{MediaType: oci.MediaTypeYAML, Data: []byte("kind: ConfigMap\n")}},
		}, oci.KindManifests},
	} {
		raw, _, err := oci.MarshalManifest(tc.a)
		if err != nil {
			t.Fatal(err)
		}
		m, err := oci.ParseManifest(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Kind(); got != tc.want {
			t.Errorf("%s: Kind = %s, want %s", tc.name, got, tc.want)
		}
		if _, ok := m.ContentLayer(); !ok {
			t.Errorf("%s: no content layer", tc.name)
		}
		if tc.name != "yaml" && (m.Info().Name == "" || m.Info().Version == "") {
			t.Errorf("%s: Info = %+v", tc.name, m.Info())
		}
	}
}

func TestDockerConfigCredentials(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("akua:s3cret"))
	reg.Hook(func(w http.ResponseWriter, r *http.Request) bool {
		if r.Header.Get("Authorization") == want {
			return false
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="test"`)
		w.WriteHeader(http.StatusUnauthorized)
		return true
	})
	ref := mustRef(t, reg.Ref("private/app:1.0.0"))

	anon := oci.New(oci.Options{DockerConfig: filepath.Join(t.TempDir(), "missing.json")})
	if _, err := anon.Push(ctx, ref, packageArtifact("x"), oci.PushOptions{}); err == nil {
		t.Fatal("anonymous push to a registry requiring auth succeeded")
	}

	cfg := filepath.Join(t.TempDir(), "config.json")
	auth := base64.StdEncoding.EncodeToString([]byte("akua:s3cret"))
	if err := os.WriteFile(cfg, []byte(`{"auths":{"`+reg.Host+`":{"auth":"`+auth+`"}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c := oci.New(oci.Options{DockerConfig: cfg})
	desc, err := c.Push(ctx, ref, packageArtifact("x"), oci.PushOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d, err := c.Resolve(ctx, ref); err != nil || d.Digest != desc.Digest {
		t.Fatalf("Resolve = %v, %v", d.Digest, err)
	}
}

func TestOpenBlobVerifies(t *testing.T) {
	ctx := context.Background()
	reg := ocitest.New(t)
	c := oci.New(oci.Options{})
	ref := mustRef(t, reg.Ref("acme/blob"))
	b := oci.Blob{MediaType: "application/octet-stream", Data: bytes.Repeat([]byte("a"), 1<<16)}
	d, err := c.PushBlob(ctx, ref, b)
	if err != nil {
		t.Fatal(err)
	}
	if d.Digest != digest.FromBytes(b.Data) {
		t.Fatalf("digest %s", d.Digest)
	}
	small := oci.New(oci.Options{MaxBlobSize: 10})
	if _, err := small.FetchBlob(ctx, ref, d); !errors.Is(err, oci.ErrTooLarge) {
		t.Errorf("FetchBlob over the cap: %v, want ErrTooLarge", err)
	}
}
