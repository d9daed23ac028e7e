package web

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

// Assets serves static files under names that carry a hash of their content, so
// they can be cached for a year and still change with every release.
type Assets struct {
	byHashed map[string]asset
	hashed   map[string]string // logical name → /static/hashed name
}

type asset struct {
	body        []byte
	contentType string
}

// NewAssets reads every file under dir of fsys. The stylesheet parts in dir/css are
// joined in name order into one "site.css", so that each area of the portal keeps its
// styles in its own file while a page still loads a single stylesheet.
func NewAssets(fsys fs.FS, dir string) (*Assets, error) {
	a := &Assets{byHashed: map[string]asset{}, hashed: map[string]string{}}
	var css []byte
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, dir+"/")
		if strings.HasPrefix(name, "css/") && path.Ext(name) == ".css" {
			css = append(css, "/* "+name+" */\n"...)
			css = append(append(css, b...), '\n')
			return nil
		}
		a.add(name, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read static assets: %w", err)
	}
	a.add("site.css", css)
	return a, nil
}

func (a *Assets) add(name string, b []byte) {
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	hashedName := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:12] + ext
	ct := mime.TypeByExtension(ext)
	if ct == "" {
		ct = "application/octet-stream"
	}
	a.byHashed[hashedName] = asset{body: b, contentType: ct}
	a.hashed[name] = "/static/" + hashedName
}

// Path returns the URL path of the logical asset name, e.g. "site.css".
func (a *Assets) Path(name string) string { return a.hashed[name] }

// ServeHTTP serves /static/{hashed name}; an unknown name is a 404.
func (a *Assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := a.byHashed[strings.TrimPrefix(r.URL.Path, "/static/")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.contentType)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	_, _ = w.Write(f.body)
}
