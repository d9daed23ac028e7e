package auth

import (
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// defaultNext is where a sign-in goes when no acceptable target was given.
const defaultNext = "/staff"

// SafeNext returns next when it is a path on this site, else "/staff". The raw
// string and its percent-decoded form may hold no control characters and no
// backslashes (browsers drop the one and read the other as "/", turning
// "/\tevil" or "/\evil" into "//evil", another host); after parsing it must
// have no scheme, host or user, and start with a single "/". The path is
// normalised, so "/staff/../../x" stays on the site.
func SafeNext(next string) string {
	if next == "" || len(next) > 2048 || unsafeChars(next) {
		return defaultNext
	}
	decoded, err := url.PathUnescape(next)
	if err != nil || unsafeChars(decoded) {
		return defaultNext
	}
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.HasPrefix(decoded, "//") {
		return defaultNext
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return defaultNext
	}
	clean := path.Clean(u.Path)
	if !strings.HasPrefix(clean, "/") || strings.HasPrefix(clean, "//") {
		return defaultNext
	}
	out := &url.URL{Path: clean, RawQuery: u.RawQuery}
	s := out.RequestURI()
	if strings.HasPrefix(s, "//") {
		return defaultNext
	}
	return s
}

// unsafeChars reports control and format characters, white space of any kind,
// backslashes and invalid UTF-8.
func unsafeChars(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return true
		}
	}
	return false
}
