package auth

import (
	"net/url"
	"path"
	"strings"
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

// unsafeChars reports control characters (C0, DEL, C1), white space and backslashes.
func unsafeChars(s string) bool {
	for _, r := range s {
		if r < 0x21 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\\' || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return true
		}
	}
	return false
}
