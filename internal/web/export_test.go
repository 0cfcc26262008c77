package web

import "time"

// PageRoutes lists the page routes' patterns and permissions for the
// tests outside the package: "anyone", "signedIn" or "office".
func PageRoutes() map[string]string {
	out := map[string]string{}
	for _, rt := range (&Server{}).pageRoutes() {
		out[rt.pattern] = [...]string{"anyone", "signedIn", "office"}[rt.perm]
	}
	return out
}

// SetClock sets the server's clock, so that tests do not depend on the
// day they run.
func SetClock(s *Server, now func() time.Time) { s.now = now }

// APIRoutes lists the JSON API's patterns and permissions, as PageRoutes
// does the pages'.
func APIRoutes() map[string]string {
	out := map[string]string{}
	for _, rt := range (&Server{}).apiRoutes() {
		out[rt.pattern] = [...]string{"anyone", "signedIn", "office"}[rt.perm]
	}
	return out
}
