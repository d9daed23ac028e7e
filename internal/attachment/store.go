package attachment

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/municipal-intl/portal/internal/database"

	"github.com/jackc/pgx/v5"
)

// ErrNotFound is returned by Get for an attachment that does not exist or belongs
// to another municipality: the two are not told apart.
var ErrNotFound = errors.New("attachment not found")

// Attachment is a stored file.
type Attachment struct {
	ID             int64
	MunicipalityID int64
	Filename       string
	ContentType    string
	Size           int64
	SHA256         []byte
	Content        []byte
	UploadedBy     *int64
	IsDemo         bool
	CreatedAt      time.Time
}

// Store validates a file (see Validate) and keeps it for municipalityID inside tx,
// under its sanitised name, given the extension of its type when it had none. It
// returns the new attachment's id; a file Validate refuses gives Validate's error.
func Store(ctx context.Context, tx pgx.Tx, municipalityID int64, uploadedBy *int64, filename string, content []byte) (int64, error) {
	t, err := detect(filename, content)
	if err != nil {
		return 0, err
	}
	name := SanitizeFilename(filename)
	if extension(name) == "" {
		name += t.exts[0]
	}
	sum := sha256.Sum256(content)
	var id int64
	err = tx.QueryRow(ctx, `
INSERT INTO attachment (municipality_id, filename, content_type, size_bytes, sha256, content, uploaded_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
RETURNING id`,
		municipalityID, name, t.contentType, len(content), sum[:], content, uploadedBy).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store attachment %q: %w", name, err)
	}
	return id, nil
}

// Get returns attachment id of municipalityID with its content.
func Get(ctx context.Context, db database.Querier, municipalityID, id int64) (Attachment, error) {
	var a Attachment
	err := db.QueryRow(ctx, `
SELECT id, municipality_id, filename, content_type, size_bytes, sha256, content, uploaded_by, is_demo, created_at
FROM attachment
WHERE id = $1 AND municipality_id = $2`, id, municipalityID).Scan(
		&a.ID, &a.MunicipalityID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.Content,
		&a.UploadedBy, &a.IsDemo, &a.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return Attachment{}, ErrNotFound
	}
	if err != nil {
		return Attachment{}, fmt.Errorf("get attachment %d: %w", id, err)
	}
	return a, nil
}

// Serve sends a as a download. It is always a download, never shown inline, and
// the browser is told not to guess another type, so a file cannot run as a page of
// the portal. Caching is left to the caller, who knows whether a is public.
func Serve(w http.ResponseWriter, a Attachment) {
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(a.Content)))
	h.Set("Content-Disposition", ContentDisposition(a.Filename))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.Content)
}

// ContentDisposition is the Content-Disposition header of a download of a file
// named filename (RFC 6266): an ASCII fallback in the filename parameter for old
// clients, and the exact name as percent-encoded UTF-8 in the filename* parameter
// (RFC 5987), which every current browser prefers.
func ContentDisposition(filename string) string {
	var ascii, ext strings.Builder
	for _, r := range filename {
		switch {
		case r == '"' || r == '\\':
			ascii.WriteByte('_')
		case r >= 0x20 && r < 0x7f:
			ascii.WriteRune(r)
		default:
			ascii.WriteByte('_')
		}
	}
	for _, b := range []byte(filename) {
		if isAttrChar(b) {
			ext.WriteByte(b)
		} else {
			fmt.Fprintf(&ext, "%%%02X", b)
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + ext.String()
}

// isAttrChar reports whether RFC 5987 lets b stand unencoded in an ext-value.
func isAttrChar(b byte) bool {
	switch {
	case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", b) >= 0
}
