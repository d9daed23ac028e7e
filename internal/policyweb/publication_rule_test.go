package policyweb_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

// TestPublicationRuleNamesTravellersInItsSentence: the policy page says whose
// trips Ballerup publishes with programme and accounts in a sentence of each
// language, the kinds of traveller as words of the sentence (not labels).
//
// Ballerup Kommunes Internationale Strategi: "Oplysninger om politikernes og
// administrationens udlandsrejser offentliggøres på ballerup.dk. Disse
// oplysninger indeholder bl.a. program og regnskab for udlandsrejsen."
func TestPublicationRuleNamesTravellersInItsSentence(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	c := servertest.Client(t)
	rule := func(lang string) string {
		t.Helper()
		_, doc := servertest.Get(t, c, srv.URL+"/m/ballerup/policy?lang="+lang, "")
		var got string
		doc.Find("ul.rules > li").Each(func(_ int, li *goquery.Selection) {
			if strings.Contains(li.Find("blockquote").Text(), "program og regnskab for udlandsrejsen") {
				got = strings.Join(strings.Fields(li.Find("p strong").First().Text()), " ")
			}
		})
		return got
	}
	for lang, want := range map[string]string{
		"en": "Trips abroad on which politicians or staff travel are published with programme and accounts.",
		"de": "Auslandsreisen, an denen Politikerinnen und Politiker oder Beschäftigte der Verwaltung teilnehmen, werden mit Programm und Abrechnung veröffentlicht.",
		"sv": "Utlandsresor där politiker eller tjänstepersoner reser publiceras med program och redovisning.",
		"da": "Udlandsrejser, hvor politikere eller administrationens medarbejdere deltager, offentliggøres med program og regnskab.",
	} {
		if got := rule(lang); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	travellers := func(kinds ...string) {
		t.Helper()
		servertest.Exec(t, pool, `UPDATE policy_rule SET parameters = jsonb_build_object('publish', '["programme", "accounts"]'::jsonb, 'travellers', to_jsonb($1::text[]))
WHERE kind = 'publish_trips_with_accounts'`, kinds)
	}
	travellers(trip.KindPolitician, trip.KindStaff, trip.KindOther)
	if got, want := rule("en"), "Trips abroad on which politicians, staff or other travellers travel are published with programme and accounts."; got != want {
		t.Errorf("every kind: %q, want %q", got, want)
	}
	travellers(trip.KindStaff)
	if got, want := rule("en"), "Trips abroad on which staff travel are published with programme and accounts."; got != want {
		t.Errorf("one kind: %q, want %q", got, want)
	}
}
