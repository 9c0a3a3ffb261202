package crypto

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"akua.dev/akua/kcl/eval"
	"akua.dev/akua/kcl/lib/internal/libtest"
)

func TestDigests(t *testing.T) {
	libtest.Check(t, "import crypto", []libtest.Case{
		{Expr: `crypto.md5("ABCDEF") == "8827a41122a5028b9808c7bf84b9fcf6"`},
		{Expr: `crypto.sha1("ABCDEF") == "970093678b182127f60bb51b8af2c94d539eca3a"`},
		{Expr: `crypto.sha224("ABCDEF") == "fd6639af1cc457b72148d78e90df45df4d344ca3b66fa44598148ce4"`},
		{Expr: `crypto.sha256("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`},
		{Expr: `crypto.sha384("abc") == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"`},
		{Expr: `crypto.sha512("ABCDEF") == "569350085b223ba854dfc5d607643ceb85e4607e46e5a9ad3696f898e29d8a3fe22610956167cefb7e2ba769e740f94b31e4e3c52195ba65e64ba40d82343591"`},
		{Expr: `crypto.blake3("ABCDEF") == "61c8c05f3e588c663cd9fbb1d7ad93604ed08cf335497095a020222cc9976cf1"`},
		{Expr: `crypto.blake3("") == "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"`},
		{Expr: `crypto.md5(value="ABCDEF", encoding="utf-8") == "8827a41122a5028b9808c7bf84b9fcf6"`},
		{Expr: `crypto.md5(1)`, Err: "expected str"},
	}, nil)
}

// BLAKE3 test vectors of the official test_vectors.json: the input is
// the bytes 0, 1, ..., 250, 0, 1, ... of the given length.
func TestBlake3Vectors(t *testing.T) {
	vectors := map[int]string{
		0:    "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
		1:    "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
		1023: "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
		1024: "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
		1025: "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
		2048: "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a",
		3072: "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2",
		8192: "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63",
	}
	for n, want := range vectors {
		in := make([]byte, n)
		for i := range in {
			in[i] = byte(i % 251)
		}
		h := newBlake3()
		// Write in uneven pieces to exercise the buffering.
		for i := 0; i < n; i += 100 {
			j := min(i+100, n)
			h.Write(in[i:j])
		}
		sum := h.Sum()
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("blake3(%d bytes) = %s, want %s", n, got, want)
		}
	}
}

func TestUUID(t *testing.T) {
	libtest.Check(t, "import crypto", []libtest.Case{
		{Expr: `len(crypto.uuid()) == 36 and crypto.uuid()[14] == "4" and crypto.uuid() != crypto.uuid()`},
		{Expr: `crypto.uuid("www.example.com") == crypto.uuid(name="www.example.com")`},
		{Expr: `crypto.uuid("python.org")[14] == "5"`},
		{Expr: `crypto.uuid(1)`, Err: "expected str"},
	}, nil)
	libtest.Check(t, "import crypto", []libtest.Case{
		{Expr: `crypto.uuid()`, Err: "must be deterministic"},
		{Expr: `crypto.uuid("a") == crypto.uuid("a")`},
	}, func() *eval.Thread { return &eval.Thread{Deterministic: true} })
	// RFC 4122 v5 of "python.org" in the URL namespace, as Python's
	// uuid.uuid5(uuid.NAMESPACE_URL, "python.org") gives it.
	if got, want := uuidV5(namespaceURL, "python.org"), "7af94e2b-4dd9-50f0-9c9a-8a48519bdef0"; got != want {
		t.Errorf("uuidV5 = %s, want %s", got, want)
	}
}

func TestFileDigests(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "test.txt"), []byte("ABCDEF"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("x"), 0o644)
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	libtest.Check(t, "import crypto", []libtest.Case{
		{Expr: `crypto.filesha256("test.txt") == crypto.sha256("ABCDEF")`},
		{Expr: `crypto.filesha512("./test.txt") == crypto.sha512("ABCDEF")`},
		{Expr: `crypto.fileblake3("test.txt") == crypto.blake3("ABCDEF")`},
		{Expr: `crypto.filesha256("missing.txt")`, Err: "failed to access file 'missing.txt'"},
		{Expr: `crypto.filesha256("../secret.txt")`, Err: "outside the package root"},
		{Expr: `crypto.filesha256("link.txt")`, Err: "failed to access file"},
		{Expr: `crypto.filesha256("` + filepath.Join(outside, "secret.txt") + `")`, Err: "outside the package root"},
	}, func() *eval.Thread { return &eval.Thread{FileRoot: dir, Deterministic: true} })
	libtest.Check(t, "import crypto", []libtest.Case{
		{Expr: `crypto.filesha256("test.txt")`, Err: "no file root"},
	}, nil)
}
