package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"github.com/municipal-intl/portal/internal/i18n"
)

// TestPanicAnswerHasSecurityHeaders follows finding 6: the 500 page of a
// handler that panics goes through the security headers like every answer.
func TestPanicAnswerHasSecurityHeaders(t *testing.T) {
	t.Parallel()
	r, _, err := router(Config{
		Log:       slog.New(slog.NewTextHandler(io.Discard, nil)),
		Catalogue: i18n.MustLoad(),
		Sessions:  sessions.NewCookieStore(securecookie.GenerateRandomKey(32)),
		BaseURL:   "https://portal.example.org",
	})
	if err != nil {
		t.Fatal(err)
	}
	r.Get("/test-panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "https://portal.example.org/test-panic", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "boom") {
		t.Error("the panic's value reached the browser")
	}
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Strict-Transport-Security", "X-Request-Id"} {
		if rec.Header().Get(k) == "" {
			t.Errorf("no %s on the 500 page of a panic", k)
		}
	}
}
