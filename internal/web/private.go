package web

import (
	"net/http"
	"strings"
)

// Private wraps w so that the response is marked Cache-Control: private when its
// header is written: it shows a signed-in person (their name at least), so no
// shared cache may keep it. A handler's no-store stays; "public" and s-maxage
// are dropped. Vary: Cookie (set by Language) stays as well.
func Private(w http.ResponseWriter) http.ResponseWriter {
	if _, ok := w.(*privateWriter); ok {
		return w
	}
	return &privateWriter{ResponseWriter: w}
}

type privateWriter struct {
	http.ResponseWriter
	done bool
}

func (p *privateWriter) mark() {
	if p.done {
		return
	}
	p.done = true
	h := p.Header()
	cc := h.Get("Cache-Control")
	if strings.Contains(cc, "no-store") {
		return
	}
	out := []string{"private"}
	for _, d := range strings.Split(cc, ",") {
		d = strings.TrimSpace(d)
		l := strings.ToLower(d)
		if d == "" || l == "public" || l == "private" || strings.HasPrefix(l, "s-maxage") {
			continue
		}
		out = append(out, d)
	}
	h.Set("Cache-Control", strings.Join(out, ", "))
}

func (p *privateWriter) WriteHeader(code int) {
	p.mark()
	p.ResponseWriter.WriteHeader(code)
}

func (p *privateWriter) Write(b []byte) (int, error) {
	p.mark()
	return p.ResponseWriter.Write(b)
}

func (p *privateWriter) Unwrap() http.ResponseWriter { return p.ResponseWriter }

// FlushError marks the header, then flushes: a stream flushed before its first
// write is still private.
func (p *privateWriter) FlushError() error {
	p.mark()
	return http.NewResponseController(p.ResponseWriter).Flush()
}
