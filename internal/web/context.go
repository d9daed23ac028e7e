// Package web is the HTTP plumbing shared by every area: request ids, request
// logging, language negotiation, error pages, rendering and static assets.
package web

import (
	"context"
	"net/http"

	"github.com/municipal-intl/portal/internal/account"
	"github.com/municipal-intl/portal/internal/i18n"
)

type ctxKey int

const (
	requestIDKey ctxKey = iota
	localizerKey
	personKey
	noticeKey
)

// WithNotice returns ctx carrying a notice (a catalogue key) that every page of
// the request shows above its content: an archived municipality's pages say so.
func WithNotice(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, noticeKey, key)
}

// Notice is the request's notice key, "" for none.
func Notice(ctx context.Context) string {
	k, _ := ctx.Value(noticeKey).(string)
	return k
}

// Person returns the signed-in person, or nil for an anonymous request.
func Person(ctx context.Context) *account.Person {
	p, _ := ctx.Value(personKey).(*account.Person)
	return p
}

// WithPerson returns ctx carrying the signed-in person p.
func WithPerson(ctx context.Context, p *account.Person) context.Context {
	return context.WithValue(ctx, personKey, p)
}

// RequestID returns the id given to the request by the RequestID middleware.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// Localizer returns the request's interface language, set by the Language middleware.
func Localizer(ctx context.Context) *i18n.Localizer {
	if l, ok := ctx.Value(localizerKey).(*i18n.Localizer); ok {
		return l
	}
	return fallback
}

var fallback = i18n.MustLoad().Localizer(i18n.Supported[0])

// WithLocalizer returns a context that carries l.
func WithLocalizer(ctx context.Context, l *i18n.Localizer) context.Context {
	return context.WithValue(ctx, localizerKey, l)
}

// L is shorthand for Localizer(r.Context()).
func L(r *http.Request) *i18n.Localizer { return Localizer(r.Context()) }
