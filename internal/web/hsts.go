package web

import "net/http"

// HSTS tells browsers to reach the site, and its subdomains, only over HTTPS for
// two years (OWASP ASVS 14.4.5). It is used when BASE_URL is https; over plain
// HTTP browsers ignore the header anyway, and a development server on
// http://127.0.0.1 must not pin itself.
func HSTS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		next.ServeHTTP(w, r)
	})
}
