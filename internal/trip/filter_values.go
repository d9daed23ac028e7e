package trip

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The register's filters are read from query strings by the public register and
// by the API alike; these say which values they accept.

var (
	countryFilter  = regexp.MustCompile(`^[A-Z]{2}$`)
	priorityFilter = regexp.MustCompile(`^[A-Z0-9][A-Z0-9.-]{0,15}$`)
)

// MaxFilterText bounds free-text filters: longer input is a mistake or an attack.
const MaxFilterText = 100

// ValidFilterText reports whether v can be a free-text filter (traveller,
// organiser, destination): valid UTF-8, no NUL, at most MaxFilterText characters.
func ValidFilterText(v string) bool {
	return utf8.ValidString(v) && utf8.RuneCountInString(v) <= MaxFilterText && !strings.ContainsRune(v, 0)
}

// ValidCountryFilter reports whether v is an ISO 3166-1 alpha-2 code in capitals.
func ValidCountryFilter(v string) bool { return countryFilter.MatchString(v) }

// ValidPriorityFilter reports whether v has the shape of a priority's code.
func ValidPriorityFilter(v string) bool { return priorityFilter.MatchString(v) }
