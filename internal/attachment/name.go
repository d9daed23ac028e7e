package attachment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxNameBytes bounds a stored file name, as file systems do (255 bytes).
const maxNameBytes = 200

// SanitizeFilename makes an uploaded file's name safe to store and to send back in
// a Content-Disposition header: the directory part some browsers send is dropped,
// letters of every script are kept (in composed form, as macOS sends them
// decomposed), control and invisible formatting characters are removed (a
// right-to-left override can make "fdp.exe" look like "exe.pdf"), runs of space
// become one space, characters Windows forbids in names become "_", leading and
// trailing dots and spaces go, and the name is cut to 200 bytes, keeping its
// extension. An empty result is "attachment".
func SanitizeFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = norm.NFC.String(strings.ToValidUTF8(name, ""))
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			if !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
		case !unicode.IsGraphic(r):
		case strings.ContainsRune(`<>:"|?*`, r):
			b.WriteByte('_')
		default:
			b.WriteRune(r)
		}
	}
	s := strings.Trim(b.String(), " .")
	if len(s) > maxNameBytes {
		ext := extension(s)
		base := strings.TrimRight(truncate(s[:len(s)-len(ext)], maxNameBytes-len(ext)), " .")
		s = base + ext
	}
	if s == "" {
		return "attachment"
	}
	return s
}

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
