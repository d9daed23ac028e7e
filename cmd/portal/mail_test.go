package main

import (
	"context"
	"strings"
	"testing"
)

// TestServeChecksMailSettings: SMTP_URL and MAIL_FROM are checked before anything
// starts, naming the setting; a good pair is parsed (flag twins included).
func TestServeChecksMailSettings(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		vars map[string]string
		want string
	}{
		"not smtp":   {map[string]string{"SMTP_URL": "http://mail.example.org", "MAIL_FROM": "p@example.org"}, "SMTP_URL"},
		"no host":    {map[string]string{"SMTP_URL": "smtp://", "MAIL_FROM": "p@example.org"}, "SMTP_URL"},
		"no sender":  {map[string]string{"SMTP_URL": "smtp://mail.example.org"}, "MAIL_FROM"},
		"bad sender": {map[string]string{"SMTP_URL": "smtp://mail.example.org", "MAIL_FROM": "portal"}, "MAIL_FROM"},
	}
	for name, tc := range cases {
		e, _, _ := testEnv(tc.vars, "")
		err := run(context.Background(), []string{"serve"}, e)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", name, err)
		}
	}
	var c config
	e, _, _ := testEnv(map[string]string{"MAIL_FROM": "Portal <portal@example.org>"}, "")
	if err := newFlagSet("serve", e, &c, true).Parse([]string{"--smtp-url", "smtp://me:secret@mail.example.org"}); err != nil {
		t.Fatal(err)
	}
	if err := c.check(); err != nil {
		t.Fatal(err)
	}
	if c.smtp == nil || c.smtp.Host != "mail.example.org" || c.smtp.Port != "587" || c.smtp.User != "me" || c.smtp.Password != "secret" || c.smtp.Implicit {
		t.Errorf("parsed %+v", c.smtp)
	}
}
