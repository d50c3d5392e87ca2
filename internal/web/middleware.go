package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"renda/internal/audit"
	"renda/internal/auth"
	"renda/internal/errs"
	"renda/internal/i18n"
)

const (
	sessionCookie = "renda_session"
	csrfCookie    = "renda_csrf" // double-submit token for forms of signed-out visitors
	langCookie    = "renda_lang"
)

// chain wraps the router in the middleware, outermost first: request id and
// log, panic recovery, security headers, cross-origin protection, language,
// then the session or token.
func (a *App) chain(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	h := a.authenticate(next)
	h = a.language(h)
	h = cop.Handler(h)
	h = securityHeaders(h)
	h = a.recoverer(h)
	return a.requestLog(h)
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(s int) {
	if w.status == 0 {
		w.status = s
	}
	w.ResponseWriter.WriteHeader(s)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func newRequestID() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func validRequestID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func (a *App) requestLog(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		c := &Ctx{W: w, App: a, RequestID: id, Lang: i18n.ZH}
		ctx := audit.WithRequestID(r.Context(), id)
		sw := &statusWriter{ResponseWriter: w}
		c.W = sw
		r = r.WithContext(contextWith(ctx, c))
		c.R = r
		next.ServeHTTP(sw, r)
		if r.URL.Path == "/healthz" || strings.HasPrefix(r.URL.Path, "/static/") {
			return
		}
		user := ""
		if c.User != nil {
			user = c.User.Username
		}
		a.Log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("request_id", id), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int("bytes", sw.bytes), slog.String("user", user),
			slog.Duration("took", time.Since(start)))
	})
}

func (a *App) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				a.Log.ErrorContext(r.Context(), "panic", "value", v, "stack", string(debug.Stack()))
				c := fromContext(r.Context())
				if strings.HasPrefix(r.URL.Path, "/api/") {
					c.APIError(errPanic{})
				} else {
					c.ErrorPage(http.StatusInternalServerError, c.T("err.internal", c.RequestID))
				}
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type errPanic struct{}

func (errPanic) Error() string { return "panic" }

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}

// language picks the language: ?lang= (remembered in a cookie), then the
// cookie; API calls may also ask with Accept-Language. Pages default to
// Chinese whatever the browser says.
func (a *App) language(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := fromContext(r.Context())
		if q := r.URL.Query().Get("lang"); q != "" {
			c.Lang = i18n.Parse(q)
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(c.Lang), Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
		} else if ck, err := r.Cookie(langCookie); err == nil {
			c.Lang = i18n.Parse(ck.Value)
		} else if strings.HasPrefix(r.URL.Path, "/api/") && r.Header.Get("Accept-Language") != "" {
			c.Lang = i18n.FromAcceptLanguage(r.Header.Get("Accept-Language"))
		}
		next.ServeHTTP(w, r)
	})
}

// authenticate finds the principal: a Bearer token on the API, or the
// session cookie. A Bearer token that does not check out is refused at once
// with 401, even on public endpoints, so a client learns its token is bad.
func (a *App) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := fromContext(r.Context())
		if h := r.Header.Get("Authorization"); h != "" {
			tok, ok := strings.CutPrefix(h, "Bearer ")
			p, _, err := a.Auth.Authenticate(r.Context(), strings.TrimSpace(tok), auth.APIToken)
			if !ok || err != nil {
				c.APIError(errs.New(errs.Unauthorized, "unauthorized", "", "err.unauthorized"))
				return
			}
			c.User, c.Token = p, strings.TrimSpace(tok)
			next.ServeHTTP(w, r)
			return
		}
		if ck, err := r.Cookie(sessionCookie); err == nil && ck.Value != "" {
			p, csrf, err := a.Auth.Authenticate(r.Context(), ck.Value, auth.WebSession)
			if err == nil {
				c.User, c.CSRF, c.Token = p, csrf, ck.Value
			} else if _, ok := errs.As(err); !ok {
				a.Log.ErrorContext(r.Context(), "session lookup", "err", err)
			}
		}
		if c.User == nil {
			c.CSRF = anonCSRF(w, r)
		} else if strings.HasPrefix(r.URL.Path, "/api/") && !safeMethod(r.Method) && !c.checkHeaderCSRF() {
			// Cookie-authenticated API writes (from the pages' scripts) carry
			// the session's token in a header.
			c.APIError(errs.New(errs.Forbidden, "csrf", "", "err.csrf"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// anonCSRF returns the double-submit token of a signed-out visitor, setting
// the cookie the first time.
func anonCSRF(w http.ResponseWriter, r *http.Request) string {
	if ck, err := r.Cookie(csrfCookie); err == nil && len(ck.Value) >= 32 {
		return ck.Value
	}
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	tok := hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: tok, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	return tok
}

func (c *Ctx) checkHeaderCSRF() bool {
	got := c.R.Header.Get("X-CSRF-Token")
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(c.CSRF)) == 1
}

// checkFormCSRF checks the token of a form post: the session's token for a
// signed-in user, the double-submit cookie for a visitor.
func (c *Ctx) checkFormCSRF() bool {
	got := c.R.Header.Get("X-CSRF-Token")
	if got == "" {
		if strings.HasPrefix(c.R.Header.Get("Content-Type"), "multipart/form-data") {
			_ = c.R.ParseMultipartForm(32 << 20)
		}
		got = c.R.FormValue("csrf")
	}
	return got != "" && c.CSRF != "" && subtle.ConstantTimeCompare([]byte(got), []byte(c.CSRF)) == 1
}

// SetSessionCookie hands a browser its session token.
func (c *Ctx) SetSessionCookie(token string, maxAge int) {
	http.SetCookie(c.W, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: c.R.TLS != nil})
}
