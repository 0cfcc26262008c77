// Package web serves Luoshi's pages and JSON API on one port: server-
// rendered HTML for people, /api/v1 for programs, with the same
// permission checks behind both.
package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"luoshi/internal/auth"
	"luoshi/internal/config"
	"luoshi/internal/locale"
	"luoshi/internal/plan"
	"luoshi/internal/store"
	"luoshi/internal/supervision"
)

// Deps are what the server is built from.
type Deps struct {
	Store  *store.Store
	Config config.Config
	// Parse is the one path from a document's bytes to a plan.
	Parse  func(name string, data []byte) (*plan.Plan, error)
	Logger *slog.Logger
	// Now is the server's clock; time.Now when nil. Tests set it so as
	// not to depend on today's date.
	Now func() time.Time
}

// Server holds the handlers' dependencies.
type Server struct {
	st    *store.Store
	cfg   config.Config
	parse func(name string, data []byte) (*plan.Plan, error)
	log   *slog.Logger
	cat   *locale.Catalog
	views *views
	// Failed logins lock an account after a few, an address (which may
	// be a whole office behind one gateway) after more.
	accounts, addresses *auth.Throttle
	now                 func() time.Time
	// sup runs the supervision cycle's operations for pages and API.
	sup *supervision.Service
}

// New builds a server, parsing its templates once.
func New(d Deps) (*Server, error) {
	cat, err := locale.Load()
	if err != nil {
		return nil, err
	}
	v, err := loadViews(cat)
	if err != nil {
		return nil, err
	}
	logger := d.Logger
	if logger == nil {
		logger = slog.Default()
	}
	now := d.Now
	if now == nil {
		now = time.Now
	}
	s := &Server{
		st:        d.Store,
		cfg:       d.Config,
		parse:     d.Parse,
		log:       logger,
		cat:       cat,
		views:     v,
		accounts:  auth.NewThrottle(5, 15*time.Minute, 10*time.Minute),
		addresses: auth.NewThrottle(30, 15*time.Minute, 10*time.Minute),
		now:       now,
	}
	s.sup = supervision.New(d.Store, supervision.Options{Now: func() time.Time { return s.now() }, Mail: s.mail})
	return s, nil
}

// perm is who may call a route. Finer checks (a reporter's own unit, a
// plan's visibility) are made by the handler on the object.
type perm int

const (
	anyone   perm = iota // also the public, without a session
	signedIn             // office, reporter or viewer
	office               // the supervising office only
)

// request is what a handler knows about its caller.
type request struct {
	user    *store.User // nil for the public
	session store.Session
	lang    string
	csrf    string // the token forms must send back
	api     bool
	path    string // the page asked for, to come back to
	// ctx is the request's context, for what a page's template asks the
	// store while it renders (see Page.ValueFlags).
	ctx context.Context
}

func (rq *request) is(role string) bool { return rq.user != nil && rq.user.Role == role }

func (rq *request) actor() store.Actor {
	if rq.user == nil {
		return store.Actor{}
	}
	return store.Actor{UserID: rq.user.ID, Username: rq.user.Username}
}

type handler func(w http.ResponseWriter, r *http.Request, rq *request) error

type route struct {
	pattern string
	perm    perm
	h       handler
}

// Handler returns the complete HTTP handler.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.pageRoutes() {
		mux.Handle(rt.pattern, s.wrap(rt, false))
	}
	for _, rt := range s.apiRoutes() {
		mux.Handle(rt.pattern, s.wrap(rt, true))
	}
	mux.Handle("GET /static/", s.views.staticHandler())
	return securityHeaders(mux)
}

const (
	sessionCookie = "luoshi_session"
	csrfCookie    = "luoshi_csrf" // double-submit token for forms without a session
	langCookie    = "luoshi_lang"
)

// wrap turns a route into an http.Handler: session, permission, CSRF,
// then the handler, whose error goes to fail.
func (s *Server) wrap(rt route, api bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq, err := s.identify(w, r)
		if err != nil {
			s.fail(w, r, &request{lang: locale.Default, api: api}, err)
			return
		}
		rq.api, rq.path = api, safeNext(r.URL.RequestURI())
		switch {
		case rt.perm >= signedIn && rq.user == nil:
			if api {
				s.fail(w, r, rq, userError(http.StatusUnauthorized, "error.signin"))
			} else {
				http.Redirect(w, r, "/login?next="+safeNext(r.URL.RequestURI()), http.StatusSeeOther)
			}
			return
		case rt.perm == office && !rq.is(store.RoleOffice):
			s.fail(w, r, rq, userError(http.StatusForbidden, "error.forbidden"))
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := s.checkCSRF(r, rq); err != nil {
				s.fail(w, r, rq, err)
				return
			}
		}
		if err := rt.h(w, r, rq); err != nil {
			s.fail(w, r, rq, err)
		}
	})
}

// identify reads the session cookie and the language.
func (s *Server) identify(w http.ResponseWriter, r *http.Request) (*request, error) {
	rq := &request{lang: locale.Default, ctx: r.Context()}
	if c, err := r.Cookie(langCookie); err == nil && s.cat.Has(c.Value) {
		rq.lang = c.Value
	}
	if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
		sess, u, err := s.st.SessionByToken(r.Context(), auth.HashToken(c.Value), s.now())
		switch {
		case err == nil:
			rq.user, rq.session, rq.csrf = &u, sess, sess.CSRFToken
			if s.cat.Has(u.Locale) {
				rq.lang = u.Locale
			}
			return rq, nil
		case errors.Is(err, store.ErrNotFound):
			s.clearCookie(w, r, sessionCookie)
		default:
			return nil, err
		}
	}
	// Without a session, forms carry a double-submit token.
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 20 {
		rq.csrf = c.Value
	} else {
		rq.csrf = auth.Token(24)
		s.setCookie(w, r, csrfCookie, rq.csrf, 0)
	}
	return rq, nil
}

// checkCSRF accepts a request that sends back the caller's token in the
// form field "csrf" or the X-CSRF-Token header. A JSON login without a
// session is accepted without one: browsers cannot send JSON across
// origins without the server's consent.
func (s *Server) checkCSRF(r *http.Request, rq *request) error {
	sent := r.Header.Get("X-CSRF-Token")
	if sent == "" && !rq.api {
		sent = r.PostFormValue("csrf")
	}
	if rq.user == nil && rq.api && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		return nil
	}
	if sent == "" || rq.csrf == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(rq.csrf)) != 1 {
		return userError(http.StatusForbidden, "error.csrf")
	}
	return nil
}

func (s *Server) secure(r *http.Request) bool {
	return s.cfg.SecureCookies || r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)}
	if maxAge > 0 {
		c.MaxAge = int(maxAge.Seconds())
	}
	http.SetCookie(w, c)
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
}

// startSession logs u in on this browser and returns the CSRF token.
func (s *Server) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, u store.User) (string, error) {
	token := auth.Token(32)
	now := s.now()
	sess := store.Session{TokenHash: auth.HashToken(token), UserID: u.ID, CSRFToken: auth.Token(24), CreatedAt: now, ExpiresAt: now.Add(s.cfg.SessionTTL)}
	if err := s.st.CreateSession(ctx, sess); err != nil {
		return "", err
	}
	s.setCookie(w, r, sessionCookie, token, s.cfg.SessionTTL)
	return sess.CSRFToken, nil
}

// checkLogin verifies a username and password under the throttle.
func (s *Server) checkLogin(ctx context.Context, r *http.Request, username, password string) (store.User, error) {
	account, addr := strings.ToLower(username), clientIP(r)
	now := s.now()
	if d := max(s.accounts.Locked(now, account), s.addresses.Locked(now, addr)); d > 0 {
		mins := int(d.Minutes()) + 1
		return store.User{}, userError(http.StatusTooManyRequests, "login.locked", mins)
	}
	u, err := s.st.UserByName(ctx, username)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return u, err
	}
	if !auth.CheckPassword(u.PasswordHash, password) {
		s.accounts.Fail(now, account)
		s.addresses.Fail(now, addr)
		s.log.Info("login failed", "username", username, "ip", clientIP(r))
		return store.User{}, userError(http.StatusUnauthorized, "login.failed")
	}
	s.accounts.Succeed(account)
	return u, nil
}

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// safeNext keeps a redirect target on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
