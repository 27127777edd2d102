package blob

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhifa/internal/platform/apperr"
)

func TestPutNamesFilesByTheirDigestAndLeavesNothingWhenRefused(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// GB/T 32905 example: SM3("abc").
	got, err := s.Put(strings.NewReader("abc"), 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.SM3 != "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" || got.Size != 3 || !got.Created ||
		got.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("stored %+v", got)
	}
	if again, err := s.Put(strings.NewReader("abc"), 10, nil); err != nil || again.Created || again.SM3 != got.SM3 {
		t.Fatalf("the same content again: %+v %v", again, err)
	}
	if err := s.Check(got.SM3, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(bytes.NewReader(make([]byte, 11)), 10, nil); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over the limit: %v", err)
	}
	if _, err := s.Put(bytes.NewReader(make([]byte, 2000)), 1000, nil); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over the limit after the first bytes: %v", err)
	}
	refused := errors.New("refused")
	if _, err := s.Put(strings.NewReader("%PDF-1.4"), 100, func(sniffed string) error {
		if sniffed != "application/pdf" {
			t.Errorf("sniffed %q", sniffed)
		}
		return refused
	}); !errors.Is(err, refused) {
		t.Fatalf("check: %v", err)
	}
	tmp, _ := os.ReadDir(filepath.Join(s.Dir(), "tmp"))
	if len(tmp) != 0 {
		t.Fatalf("refused uploads left %d temporary files", len(tmp))
	}
	// A changed byte and a missing file are told apart.
	path := s.path(got.SM3)
	os.Chmod(path, 0o640)
	os.WriteFile(path, []byte("abd"), 0o640)
	if err := s.Check(got.SM3, 3); apperr.As(err).Code != "BLOB_ALTERED" {
		t.Fatalf("changed: %v", err)
	}
	os.Remove(path)
	if err := s.Check(got.SM3, 3); apperr.As(err).Code != "BLOB_MISSING" {
		t.Fatalf("missing: %v", err)
	}
	if _, err := s.Reader("../../etc/passwd"); err == nil {
		t.Fatal("a name that is not a digest was opened")
	}
}
