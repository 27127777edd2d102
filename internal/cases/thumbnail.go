package cases

import (
	"bytes"
	"context"
	"image"
	_ "image/gif" // decoders of the photo types evidence accepts
	"image/jpeg"
	_ "image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"

	_ "golang.org/x/image/bmp"
	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp"

	"zhifa/internal/platform/access"
	"zhifa/internal/platform/apperr"
	"zhifa/internal/platform/httpx"
)

// Thumbnails of photos for the evidence list: at most 320 pixels on the longer side, made from
// the original the first time they are asked for and kept beside the store, named by the
// original's SM3 digest. They are a viewing aid derived from the record, not part of it; the
// original is what is verified. A picture of more than 50 megapixels is not decoded (a small file
// may declare a huge picture).
const (
	thumbSide      = 320
	maxThumbPixels = 50_000_000
)

// Thumbnail returns a photo's thumbnail as JPEG; the viewing is audited like the file's.
func (s *Service) Thumbnail(ctx context.Context, p *access.Principal, caseID, evidenceID string) ([]byte, error) {
	ev, f, err := s.openEvidence(ctx, p, caseID, evidenceID, "查看证据缩略图")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if ev.Kind != EvidencePhoto {
		return nil, apperr.Conflict("EVIDENCE_NO_THUMBNAIL", "只有照片有缩略图")
	}
	dir := filepath.Join(s.Blobs.Dir(), "thumbnails")
	path := filepath.Join(dir, ev.SM3+".jpg")
	if b, err := os.ReadFile(path); err == nil {
		return b, nil
	}
	b, err := thumbnail(f)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(dir, "thumb-*")
	if err != nil {
		return nil, err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return nil, err
	}
	return b, nil
}

// thumbnail decodes a picture within the pixel limit and scales it down.
func thumbnail(f io.ReadSeeker) ([]byte, error) {
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		return nil, apperr.Conflict("EVIDENCE_NO_THUMBNAIL", "照片格式无法生成缩略图，请查看原件")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxThumbPixels {
		return nil, apperr.Conflict("EVIDENCE_IMAGE_TOO_LARGE", "照片超过5000万像素，不生成缩略图，请查看原件")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	img, _, err := image.Decode(f)
	if err != nil {
		return nil, apperr.Conflict("EVIDENCE_NO_THUMBNAIL", "照片内容无法读取，请查看原件")
	}
	w, h := cfg.Width, cfg.Height
	if w > thumbSide || h > thumbSide {
		if w >= h {
			w, h = thumbSide, max(1, h*thumbSide/cfg.Width)
		} else {
			w, h = max(1, w*thumbSide/cfg.Height), thumbSide
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, img.Bounds(), xdraw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (s *Service) handleThumbnail(w http.ResponseWriter, r *http.Request) error {
	b, err := s.Thumbnail(r.Context(), httpx.Principal(r), r.PathValue("id"), r.PathValue("evidenceId"))
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "image/jpeg")
	h.Set("Cache-Control", "private, max-age=3600")
	_, err = w.Write(b)
	return err
}
