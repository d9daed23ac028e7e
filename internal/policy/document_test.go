package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/policy"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestDocumentText reads a PDF's text layer line by line, refuses a PDF without
// one (a scan) with ErrNoText, and takes UTF-8 plain text as it is.
func TestDocumentText(t *testing.T) {
	t.Parallel()
	got, err := policy.DocumentText(servertest.PDF("Grundlagen fur internationale Arbeit", "", "Neue Partnerschaftsabkommen werden nicht unterzeichnet."))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "Grundlagen fur internationale Arbeit\n") || !strings.Contains(got, "Neue Partnerschaftsabkommen werden nicht unterzeichnet.") {
		t.Errorf("PDF text = %q", got)
	}
	if _, err := policy.DocumentText(servertest.PDF()); !errors.Is(err, policy.ErrNoText) {
		t.Errorf("scanned PDF: err = %v, want ErrNoText", err)
	}
	if _, err := policy.DocumentText([]byte("%PDF-1.4 garbage")); !errors.Is(err, policy.ErrUnreadablePDF) {
		t.Errorf("broken PDF: err = %v, want ErrUnreadablePDF", err)
	}
	if got, err := policy.DocumentText([]byte("Rubrik\r\n\r\nText på svenska.\r\n")); err != nil || got != "Rubrik\n\nText på svenska." {
		t.Errorf("plain text = %q, %v", got, err)
	}
	if _, err := policy.DocumentText([]byte{0xff, 0xfe, 0x00, 'a'}); !errors.Is(err, policy.ErrDocumentType) {
		t.Errorf("binary: err = %v, want ErrDocumentType", err)
	}
}
