package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"luoshi/internal/config"
	"luoshi/internal/locale"
	"luoshi/internal/store"
)

// TestCSRFEveryChange sends every route of routes.go and api.go but the
// GETs without the CSRF token, with a wrong one and with another
// session's, as the office (whom no permission stops), and the public's
// routes as the public: each is refused with the CSRF message, and
// nothing changes. The API takes the token from its header only, not
// from a form field. A JSON login without a session needs no token (a
// browser cannot send JSON across sites without the server's consent),
// so the public's API login is tried as a form.
func TestCSRFEveryChange(t *testing.T) {
	eachEngine(t, func(t *testing.T, open func(testing.TB) *store.Store) {
		ts, f := setupOn(t, open, config.Config{})
		ctx := context.Background()
		cat, err := locale.Load()
		if err != nil {
			t.Fatal(err)
		}
		pageMessage := cat.T(locale.Default, "error.csrf")
		office := login(t, ts.URL, "admin", adminPassword)
		reporter := login(t, ts.URL, "swt", demoPassword)
		public := newClient(t, ts.URL)
		count := func() [3]int {
			plans, err1 := ts.st.Overview(ctx, store.PlanListFilter{})
			units, err2 := ts.st.Units(ctx)
			users, err3 := ts.st.Users(ctx)
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatal(err1, err2, err3)
			}
			return [3]int{len(plans), len(units), len(users)}
		}
		before := count()
		draftBefore, _ := ts.st.TaskByID(ctx, f.draftTask)

		routes := allRoutes()
		patterns := make([]string, 0, len(routes))
		for p := range routes {
			patterns = append(patterns, p)
		}
		sort.Strings(patterns)
		// Ids of a draft's plan and task, which a change let through
		// would alter or delete.
		fill := func(path string) string {
			switch {
			case strings.Contains(path, "/plans/{id}"):
				path = strings.Replace(path, "{id}", fmt.Sprint(f.draftPlan), 1)
			case strings.Contains(path, "/tasks/{id}"):
				path = strings.Replace(path, "{id}", fmt.Sprint(f.draftTask), 1)
			}
			return strings.NewReplacer("{id}", "1", "{name}", "0123456789abcdef0123456789abcdef.txt").Replace(path)
		}
		tried := 0
		for _, pattern := range patterns {
			method, path, ok := strings.Cut(pattern, " ")
			if !ok || method == http.MethodGet {
				continue
			}
			api := strings.HasPrefix(path, "/api/")
			path = fill(path)
			refused := func(how string, resp *http.Response, body string) {
				t.Helper()
				tried++
				want := pageMessage
				if api {
					want = `"code":"error.csrf"`
				}
				if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, want) {
					t.Errorf("%s %s %s: %d, want 403 with %q\n%.300s", method, path, how, resp.StatusCode, want, body)
				}
			}
			form := url.Values{"confirm": {"yes"}, "version": {"1"}, "rev": {"1"}}
			switch {
			case api:
				resp, body := office.do(method, path, nil, `{"confirm":true}`)
				refused("as the office without a token", resp, body)
				resp, body = office.do(method, path, nil, `{"confirm":true}`, "X-CSRF-Token", strings.Repeat("0", len(office.csrf)))
				refused("as the office with a wrong token", resp, body)
				resp, body = office.do(method, path, nil, `{"confirm":true}`, "X-CSRF-Token", reporter.csrf)
				refused("as the office with another session's token", resp, body)
				withField := url.Values{"csrf": {office.csrf}}
				for k, v := range form {
					withField[k] = v
				}
				resp, body = office.do(method, path, withField, "")
				refused("as the office with the token in a form field", resp, body)
			default:
				resp, body := office.do(method, path, form, "")
				refused("as the office without a token", resp, body)
				wrong := url.Values{"csrf": {strings.Repeat("0", len(office.csrf))}}
				resp, body = office.do(method, path, wrong, "")
				refused("as the office with a wrong token", resp, body)
				resp, body = office.do(method, path, url.Values{"csrf": {reporter.csrf}}, "")
				refused("as the office with another session's token", resp, body)
			}
			if routes[pattern] == "anyone" {
				resp, body := public.do(method, path, url.Values{"username": {"admin"}, "password": {adminPassword}, "lang": {"en"}}, "")
				refused("as the public without a token", resp, body)
			}
		}
		if tried < 150 {
			t.Errorf("only %d refusals tried", tried)
		}
		// Nothing changed: no plan, unit or account more or less, the
		// draft's task as it was, the office still signed in.
		if after := count(); after != before {
			t.Errorf("plans, units, users: %v, were %v", after, before)
		}
		if got, err := ts.st.TaskByID(ctx, f.draftTask); err != nil || got.Version != draftBefore.Version || got.Frequency != draftBefore.Frequency {
			t.Errorf("the draft's task after the refusals: %+v %v", got, err)
		}
		resp, body := office.do("GET", "/api/v1/me", nil, "")
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `"username":"admin"`) {
			t.Errorf("the office after the refusals: %d %s", resp.StatusCode, body)
		}
	})
}
