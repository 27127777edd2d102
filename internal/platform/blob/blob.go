// Package blob keeps files on local disk by their content: each file is named by its SM3 digest
// (GB/T 32905), so a stored file can be checked against its name at any time, the same content
// is kept once, and nothing is ever overwritten. Writes stream through the hashes into a
// temporary file in the same directory and are renamed into place only when complete and within
// the limit, so memory stays bounded and a cut-off upload leaves nothing behind.
package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"

	"github.com/emmansun/gmsm/sm3"

	"zhifa/internal/platform/apperr"
)

// Store is a directory of files named by their SM3 digest: dir/ab/cd/abcd….
type Store struct {
	dir string
}

// Open makes the directory if needed.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o750); err != nil {
		return nil, fmt.Errorf("证据存储目录 %s 无法创建: %w", dir, err)
	}
	return &Store{dir: dir}, nil
}

// Dir is the store's directory.
func (s *Store) Dir() string { return s.dir }

// Stored is what Put learned of a file while writing it.
type Stored struct {
	SM3     string // hex
	SHA256  string // hex
	Size    int64
	Sniffed string // the content type its first bytes show (net/http's sniffing)
	Created bool   // false when the same content was stored before
}

var digestPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (s *Store) path(sm3hex string) string {
	return filepath.Join(s.dir, sm3hex[:2], sm3hex[2:4], sm3hex)
}

// ErrTooLarge is returned when a file goes over the limit Put was given.
var ErrTooLarge = errors.New("blob: over the size limit")

// Put streams r into the store, at most limit bytes, and returns its digests. check, when not nil,
// is called with the sniffed content type after the first bytes arrived, before the rest is read,
// so that a file of the wrong type is refused without reading it all.
func (s *Store) Put(r io.Reader, limit int64, check func(sniffed string) error) (Stored, error) {
	tmp, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "upload-*")
	if err != nil {
		return Stored{}, err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h3, h256 := sm3.New(), sha256.New()
	w := io.MultiWriter(tmp, h3, h256)
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return Stored{}, err
	}
	head = head[:n]
	out := Stored{Sniffed: http.DetectContentType(head)}
	if check != nil {
		if err := check(out.Sniffed); err != nil {
			return Stored{}, err
		}
	}
	if int64(n) > limit {
		return Stored{}, ErrTooLarge
	}
	if _, err := w.Write(head); err != nil {
		return Stored{}, err
	}
	copied, err := io.Copy(w, io.LimitReader(r, limit-int64(n)+1))
	if err != nil {
		return Stored{}, err
	}
	out.Size = int64(n) + copied
	if out.Size > limit {
		return Stored{}, ErrTooLarge
	}
	if err := tmp.Sync(); err != nil {
		return Stored{}, err
	}
	if err := tmp.Close(); err != nil {
		return Stored{}, err
	}
	out.SM3, out.SHA256 = hex.EncodeToString(h3.Sum(nil)), hex.EncodeToString(h256.Sum(nil))
	final := s.path(out.SM3)
	if _, err := os.Stat(final); err == nil {
		done = true
		os.Remove(tmp.Name())
		return out, nil
	}
	if err := os.MkdirAll(filepath.Dir(final), 0o750); err != nil {
		return Stored{}, err
	}
	if err := os.Chmod(tmp.Name(), 0o440); err != nil {
		return Stored{}, err
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return Stored{}, err
	}
	done, out.Created = true, true
	return out, nil
}

var partPattern = regexp.MustCompile(`^[0-9a-zA-Z-]{8,64}$`)

// Part is the temporary file of an upload received in pieces (named by the upload's id); Put
// reads it when the last piece has arrived, and RemovePart deletes it.
func (s *Store) Part(id string) (string, error) {
	if !partPattern.MatchString(id) {
		return "", apperr.NotFound("上传")
	}
	return filepath.Join(s.dir, "tmp", "part-"+id), nil
}

// RemovePart deletes an upload's temporary file.
func (s *Store) RemovePart(id string) {
	if p, err := s.Part(id); err == nil {
		os.Remove(p)
	}
}

// Remove deletes a file Put has just created, when what it was stored for was refused.
func (s *Store) Remove(sm3hex string) {
	if digestPattern.MatchString(sm3hex) {
		os.Remove(s.path(sm3hex))
	}
}

// Reader opens a stored file.
func (s *Store) Reader(sm3hex string) (*os.File, error) {
	if !digestPattern.MatchString(sm3hex) {
		return nil, apperr.NotFound("文件")
	}
	f, err := os.Open(s.path(sm3hex))
	if errors.Is(err, os.ErrNotExist) {
		return nil, apperr.NotFound("文件")
	}
	return f, err
}

// Check reads a stored file whole and compares its size and SM3 digest with what was recorded.
func (s *Store) Check(sm3hex string, size int64) error {
	f, err := s.Reader(sm3hex)
	if err != nil {
		return apperr.Invalid("BLOB_MISSING", "已丢失")
	}
	defer f.Close()
	h := sm3.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return err
	}
	if n != size || hex.EncodeToString(h.Sum(nil)) != sm3hex {
		return apperr.Invalid("BLOB_ALTERED", "内容已被改动（SM3摘要不符）")
	}
	return nil
}
