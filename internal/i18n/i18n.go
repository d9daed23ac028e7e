// Package i18n holds the message catalogue of the user interface in English, German,
// Swedish and Danish, negotiates the language of a request, and formats numbers,
// money and dates the way each language writes them.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"sort"

	"golang.org/x/text/language"
)

// Supported lists the interface languages; the first is the fallback.
var Supported = []string{"en", "de", "sv", "da"}

// Endonyms names each interface language in itself, as language switchers do.
var Endonyms = map[string]string{"en": "English", "de": "Deutsch", "sv": "Svenska", "da": "Dansk"}

// Each language has a folder of JSON files, one per area of the portal (core.json,
// trips.json, …), so that areas can grow their messages without touching each other.
//
//go:embed locales
var localeFS embed.FS

// Catalogue holds every message in every supported language.
type Catalogue struct {
	messages map[string]map[string]string
	matcher  language.Matcher
	tags     []language.Tag
}

// Load reads the embedded catalogue files.
func Load() (*Catalogue, error) {
	c := &Catalogue{messages: map[string]map[string]string{}}
	for _, lang := range Supported {
		files, err := fs.Glob(localeFS, path.Join("locales", lang, "*.json"))
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("no catalogue files for %s", lang)
		}
		m := map[string]string{}
		for _, f := range files {
			b, err := localeFS.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read catalogue %s: %w", f, err)
			}
			part := map[string]string{}
			if err := json.Unmarshal(b, &part); err != nil {
				return nil, fmt.Errorf("parse catalogue %s: %w", f, err)
			}
			for k, v := range part {
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("catalogue %s: key %q is defined twice", f, k)
				}
				m[k] = v
			}
		}
		c.messages[lang] = m
		c.tags = append(c.tags, language.MustParse(lang))
	}
	c.matcher = language.NewMatcher(c.tags)
	return c, nil
}

// MustLoad is Load for tests and program start, where a broken catalogue is a bug.
func MustLoad() *Catalogue {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Keys returns the sorted message keys of one language.
func (c *Catalogue) Keys(lang string) []string {
	keys := make([]string, 0, len(c.messages[lang]))
	for k := range c.messages[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Message returns the raw message for key in lang and whether it exists.
func (c *Catalogue) Message(lang, key string) (string, bool) {
	m, ok := c.messages[lang][key]
	return m, ok
}

// IsSupported reports whether lang is one of the interface languages.
func IsSupported(lang string) bool {
	for _, l := range Supported {
		if l == lang {
			return true
		}
	}
	return false
}

// Negotiate picks the interface language for an Accept-Language header value.
func (c *Catalogue) Negotiate(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Supported[0]
	}
	_, idx, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return Supported[0]
	}
	return Supported[idx]
}

// Localizer returns the formatter for one language (the fallback for an unknown one).
func (c *Catalogue) Localizer(lang string) *Localizer {
	if !IsSupported(lang) {
		lang = Supported[0]
	}
	return &Localizer{Lang: lang, messages: c.messages[lang], format: formats[lang]}
}

// Localizer translates and formats for one interface language.
type Localizer struct {
	Lang     string
	messages map[string]string
	format   numberFormat
}

// T returns the message for key, with args filled in fmt-style when given.
// A missing key is logged and shown as the key itself, so a page still renders;
// the catalogue tests keep that from reaching a release.
func (l *Localizer) T(key string, args ...any) string {
	m, ok := l.messages[key]
	if !ok {
		slog.Error("missing message", "lang", l.Lang, "key", key)
		return key
	}
	if len(args) == 0 {
		return m
	}
	return fmt.Sprintf(m, args...)
}

// Has reports whether the catalogue has key.
func (l *Localizer) Has(key string) bool {
	_, ok := l.messages[key]
	return ok
}
