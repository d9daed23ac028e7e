package setup_test

import (
	"context"
	"errors"
	"testing"

	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/setup"
)

func TestStore(t *testing.T) {
	t.Parallel()
	_, pool := servertest.New(t)
	ctx := context.Background()
	st := setup.NewStore(pool, nil)

	need, err := st.NeedsAdmin(ctx)
	if err != nil || !need {
		t.Fatalf("NeedsAdmin on a fresh database = %v, %v", need, err)
	}
	// Demo accounts cannot sign in: they do not count.
	if _, err := pool.Exec(ctx, `INSERT INTO account (municipality_id, email, name, role, password_hash, is_demo)
		SELECT id, 'demo@berlin.example', 'Demo', 'admin', '!demo', true FROM municipality WHERE slug = 'berlin'`); err != nil {
		t.Fatal(err)
	}
	if need, err := st.NeedsAdmin(ctx); err != nil || !need {
		t.Errorf("NeedsAdmin with a demo account = %v, %v; want true", need, err)
	}

	// Two links: claiming one kills the other, so two people cannot both set up.
	a, _, err := st.Issue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := st.Issue(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if a == b || len(a) < 40 {
		t.Errorf("tokens %q and %q: want two different random ones", a, b)
	}
	if err := st.Claim(ctx, a); err != nil {
		t.Fatalf("Claim: %v", err)
	}
	if err := st.Claim(ctx, a); !errors.Is(err, setup.ErrInvalid) {
		t.Errorf("Claim twice = %v, want ErrInvalid", err)
	}
	if err := st.Check(ctx, b); !errors.Is(err, setup.ErrInvalid) {
		t.Errorf("Check of the other link after a claim = %v, want ErrInvalid", err)
	}
	// A claim whose account could not be made is released.
	if err := st.Release(ctx, a); err != nil {
		t.Fatal(err)
	}
	if err := st.Check(ctx, a); err != nil {
		t.Errorf("Check after Release = %v", err)
	}
	// Only the hash is stored.
	if n := count(t, pool, `SELECT count(*) FROM setup_token WHERE position(convert_to($1, 'UTF8') in token_hash) > 0`, a); n != 0 {
		t.Error("the token is stored in the clear")
	}

	fresh, err := st.Fresh(ctx)
	if err != nil || !fresh {
		t.Errorf("Fresh without trips = %v, %v", fresh, err)
	}
	servertest.InsertTrip(t, pool, servertest.Trip{Municipality: "berlin", Status: "draft", Purpose: "Erste Reise"})
	if fresh, err := st.Fresh(ctx); err != nil || fresh {
		t.Errorf("Fresh with a trip = %v, %v", fresh, err)
	}
}
