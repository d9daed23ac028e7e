package demo

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/municipal-intl/portal/internal/access"
	tripkind "github.com/municipal-intl/portal/internal/trip"
)

// person is an invented politician or member of staff of one municipality. The
// same people travel again and again, as they would in a real administration.
type person struct {
	name      string
	role      string
	kind      string // politician, staff (trip_traveller.kind)
	rank      string // chair, vice, member, secretary, lead, expert, officer
	organiser int    // index into the profile's organisers
}

// demoAccount is a sign-in account for one of the people; it cannot sign in.
type demoAccount struct {
	id     int64
	person *person
	email  string
	role   string // account.role
}

// UnusablePasswordHash is stored for every demo account: it is no password hash
// any password matches, so nobody can sign in as a demo person.
const UnusablePasswordHash = "!demo-account-cannot-sign-in"

// people invents the people of a municipality: a chair, a vice-chair and members
// for each committee (members only for a council) with a secretary, and a head
// and three officers for each department.
func people(r *rand.Rand, l *lang, p *profile) []*person {
	used := map[string]bool{}
	var out []*person
	add := func(org int, kind, rank string, titles [2]string, body string) {
		female := r.IntN(2) == 0
		var name string
		for {
			first := l.maleFirst
			if female {
				first = l.femaleFirst
			}
			name = pick(r, first) + " " + pick(r, l.lastNames)
			if !used[name] {
				break
			}
		}
		used[name] = true
		t := titles[1]
		if female {
			t = titles[0]
		}
		out = append(out, &person{name: name, role: strings.ReplaceAll(t, "{body}", body), kind: kind, rank: rank, organiser: org})
	}
	for i, o := range p.organisers {
		switch {
		case o.political && o.council:
			title := l.member
			if o.memberTitle != [2]string{} {
				title = o.memberTitle
			}
			for range 4 {
				add(i, tripkind.KindPolitician, "member", title, o.body)
			}
			add(i, tripkind.KindStaff, "secretary", l.secretary, o.body)
		case o.political:
			add(i, tripkind.KindPolitician, "chair", l.chair, o.body)
			add(i, tripkind.KindPolitician, "vice", l.viceChair, o.body)
			add(i, tripkind.KindPolitician, "member", l.member, o.body)
			add(i, tripkind.KindPolitician, "member", l.member, o.body)
			add(i, tripkind.KindStaff, "secretary", l.secretary, o.body)
		default:
			add(i, tripkind.KindStaff, "lead", l.lead, o.body)
			add(i, tripkind.KindStaff, "expert", l.expert, o.body)
			add(i, tripkind.KindStaff, "officer", l.officer, o.body)
			add(i, tripkind.KindStaff, "officer", l.officer, o.body)
		}
	}
	return out
}

// accounts picks the people who get demo accounts: three officers of the first
// departments (who author trips), the chairs and vice-chair of the first
// committees (who review them), and two politicians of each organiser in
// members (whose body decides on trips: see deciders).
func accounts(ps []*person, p *profile, slug, lang string, members []int) []*demoAccount {
	var staff, pols []*person
	for _, x := range ps {
		if x.kind == tripkind.KindStaff && !p.organisers[x.organiser].political && len(staff) < 3 {
			staff = append(staff, x)
		}
	}
	for _, rank := range []string{"chair", "vice", "member"} {
		for _, x := range ps {
			if x.rank == rank && len(pols) < 3 {
				pols = append(pols, x)
			}
		}
	}
	for i := range p.organisers {
		if !slices.Contains(members, i) {
			continue
		}
		have := 0
		for _, x := range ps {
			if x.organiser != i || x.kind != tripkind.KindPolitician {
				continue
			}
			if !slices.Contains(pols, x) {
				if have >= 2 {
					continue
				}
				pols = append(pols, x)
			}
			have++
		}
	}
	var out []*demoAccount
	for _, x := range staff {
		out = append(out, &demoAccount{person: x, role: access.RoleStaff, email: email(x.name, slug, lang)})
	}
	for _, x := range pols {
		out = append(out, &demoAccount{person: x, role: access.RolePolitician, email: email(x.name, slug, lang)})
	}
	return out
}

// folds spell a name in ASCII the way each language does in e-mail addresses.
var folds = map[string]*strings.Replacer{
	"de": strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss", "ı", "i", " ", ".", "'", ""),
	"":   strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "ø", "o", "æ", "ae", "ü", "u", "é", "e", "ı", "i", " ", ".", "'", ""),
}

// email makes an address at the municipality's reserved demo domain, e.g.
// anna.lund@demo.vasteras.example (.example is reserved by RFC 2606).
func email(name, slug, lang string) string {
	f, ok := folds[lang]
	if !ok {
		f = folds[""]
	}
	return f.Replace(strings.ToLower(name)) + "@demo." + slug + ".example"
}

// pick returns a random element.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// between returns a random integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }
