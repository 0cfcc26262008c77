package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"luoshi/internal/store"
)

// Every list, page or API, reads its filter from the query string into
// the store's typed filter, and the store checks it: a value it refuses
// is a store.FilterError, a 400 naming the parameter. A page links to
// the next one by the cursor the store returned.

// query is a list's query string.
type query struct{ url.Values }

func listQuery(r *http.Request) query { return query{r.URL.Query()} }

func badFilter(name string) error { return userError(http.StatusBadRequest, "list.bad_filter", name) }

// id reads a positive id; absent is 0.
func (q query) id(name string) (int64, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, badFilter(name)
	}
	return n, nil
}

// limit reads the page size; absent is 0, the store's default.
func (q query) limit() (int, error) {
	v := strings.TrimSpace(q.Get("limit"))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > store.MaxLimit {
		return 0, badFilter("limit")
	}
	return n, nil
}

// text reads a string value, at most 200 bytes.
func (q query) text(name string) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if len(v) > 200 {
		return "", badFilter(name)
	}
	return v, nil
}

// bool reads "1", "true" or "" (false).
func (q query) bool(name string) (bool, error) {
	switch q.Get(name) {
	case "":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, badFilter(name)
}

// pageLink is the URL of the page of r's list at cursor, keeping the
// other parameters of the query but the confirmations; "" for none.
func pageLink(r *http.Request, key, cursor string) string {
	if cursor == "" {
		return ""
	}
	q := r.URL.Query()
	q.Del("done")
	q.Del("sent")
	q.Set(key, cursor)
	return r.URL.Path + "?" + q.Encode()
}

// firstLink is the URL of the first page of r's list.
func firstLink(r *http.Request, key string) string {
	q := r.URL.Query()
	if q.Get(key) == "" {
		return ""
	}
	q.Del("done")
	q.Del("sent")
	q.Del(key)
	if len(q) == 0 {
		return r.URL.Path
	}
	return r.URL.Path + "?" + q.Encode()
}
