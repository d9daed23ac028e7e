package web

import (
	"io"
	"net/http"

	"github.com/andybalholm/brotli"
	"github.com/go-chi/chi/v5/middleware"
)

// compressedTypes are the content types worth compressing: every text the portal
// sends (pages, stylesheet, SVG, downloads, feeds, calendars, JSON).
var compressedTypes = []string{
	"text/html", "text/css", "text/plain", "text/csv", "text/calendar", "text/javascript",
	"image/svg+xml", "application/json", "application/atom+xml", "application/xml",
	"application/javascript", "application/schema+json", "application/ld+json",
}

var compressor = newCompressor()

func newCompressor() *middleware.Compressor {
	c := middleware.NewCompressor(5, compressedTypes...)
	// Brotli where the client takes it (every current browser does over https),
	// gzip otherwise; chi's compressor negotiates and streams, andybalholm/brotli
	// encodes.
	c.SetEncoder("br", func(w io.Writer, level int) io.Writer {
		return brotli.NewWriterLevel(w, level)
	})
	return c
}

// Compress compresses responses of text types by the client's Accept-Encoding,
// streaming: a download is compressed as it is written. A response that is
// compressed already (a kept page) passes through.
func Compress(next http.Handler) http.Handler { return compressor.Handler(next) }
