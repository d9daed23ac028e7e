package policyweb_test

import (
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
)

// fixture is a portal on a fresh database with Ballerup's administrator signed in.
type fixture = servertest.Admin

func setup(t *testing.T) fixture { return servertest.NewAdmin(t, "ballerup") }
