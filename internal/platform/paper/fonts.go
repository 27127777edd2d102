package paper

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/signintech/gopdf"
)

// The fonts the product carries (fonts/README.md states their licences): a Song face for the
// text and a fallback face for the characters beyond GB 2312 that names and places use. They are
// kept zstd-compressed and restored byte for byte when first needed.
var (
	//go:embed fonts/gbsn00lp.ttf.zst
	songZst []byte
	//go:embed fonts/DroidSansFallbackFull.ttf.zst
	fallbackZst []byte
)

// unpack restores a compressed font.
func unpack(zst []byte) ([]byte, error) {
	d, err := zstd.NewReader(nil)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.DecodeAll(zst, nil)
}

const (
	faceSong     = "song"
	faceFallback = "fallback"
)

// face is one parsed font: its glyph map and advance widths, read-only once parsed and shared by
// every rendering.
type face struct {
	name    string
	metrics gopdf.SubsetFontObj
}

// has reports whether the face draws a rune.
func (f *face) has(r rune) bool {
	g, err := f.metrics.CharCodeToGlyphIndex(r)
	return err == nil && g != 0
}

// width is a rune's advance at a size in points.
func (f *face) width(r rune, size float64) float64 {
	g, err := f.metrics.CharCodeToGlyphIndex(r)
	if err != nil {
		return size
	}
	return float64(f.metrics.GlyphIndexToPdfWidth(g)) * size / 1000
}

type typeface struct {
	container *gopdf.FontContainer
	faces     []*face // in order of preference
}

var (
	loadOnce sync.Once
	loaded   *typeface
	loadErr  error
)

// fonts parses the carried fonts once per process.
func fonts() (*typeface, error) {
	loadOnce.Do(func() {
		t := &typeface{container: &gopdf.FontContainer{}}
		for _, f := range []struct {
			name string
			zst  []byte
		}{{faceSong, songZst}, {faceFallback, fallbackZst}} {
			data, err := unpack(f.zst)
			if err != nil {
				loadErr = fmt.Errorf("font %s: %w", f.name, err)
				return
			}
			if err := t.container.AddTTFFontData(f.name, data); err != nil {
				loadErr = fmt.Errorf("font %s: %w", f.name, err)
				return
			}
			fc := &face{name: f.name}
			if err := fc.metrics.SetTTFData(data); err != nil {
				loadErr = fmt.Errorf("font %s: %w", f.name, err)
				return
			}
			t.faces = append(t.faces, fc)
		}
		loaded = t
	})
	return loaded, loadErr
}

// faceFor is the first face that draws a rune, or nil when none does.
func (t *typeface) faceFor(r rune) *face {
	for _, f := range t.faces {
		if f.has(r) {
			return f
		}
	}
	return nil
}

// Missing lists the characters of a text that no carried font can draw, each once, in order.
// Space and line breaks are not characters to draw.
func Missing(text string) ([]rune, error) {
	t, err := fonts()
	if err != nil {
		return nil, err
	}
	var out []rune
	seen := map[rune]bool{}
	for _, r := range text {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || seen[r] {
			continue
		}
		seen[r] = true
		if t.faceFor(r) == nil {
			out = append(out, r)
		}
	}
	return out, nil
}
