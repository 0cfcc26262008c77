package web

// PageRoutes lists the page routes' patterns and permissions for the
// tests outside the package: "anyone", "signedIn" or "office".
func PageRoutes() map[string]string {
	out := map[string]string{}
	for _, rt := range (&Server{}).pageRoutes() {
		out[rt.pattern] = [...]string{"anyone", "signedIn", "office"}[rt.perm]
	}
	return out
}
