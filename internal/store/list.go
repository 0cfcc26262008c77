package store

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Lists share one shape: a typed filter with a sort, a page size and a
// cursor in; a page of rows and the cursor of the next page out. The
// cursor holds the sort keys of the last row shown (keyset paging), so
// that a page costs the same however deep it is and rows added meanwhile
// neither repeat nor go missing.

// Page sizes of every list.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Page is one page of a list. Next is the cursor of the following page,
// "" on the last one.
type Page[T any] struct {
	Rows []T    `json:"rows"`
	Next string `json:"next"`
}

// FilterError is a filter value a list refuses; it is ErrInvalid.
type FilterError struct {
	Field string // the query parameter: "limit", "after", "sort", "state", …
	Value string
}

func (e *FilterError) Error() string {
	return fmt.Sprintf("store: filter %s: bad value %q", e.Field, e.Value)
}

func (e *FilterError) Unwrap() error { return ErrInvalid }

func badFilter(field, value string) error { return &FilterError{Field: field, Value: value} }

// limitOf is a filter's page size: DefaultLimit when zero.
func limitOf(n int) (int, error) {
	switch {
	case n == 0:
		return DefaultLimit, nil
	case n < 0 || n > MaxLimit:
		return 0, badFilter("limit", fmt.Sprint(n))
	}
	return n, nil
}

// sortOf checks a filter's sort against the list's sorts; "" is the first.
func sortOf(sort string, sorts ...string) (string, error) {
	if sort == "" {
		return sorts[0], nil
	}
	for _, s := range sorts {
		if s == sort {
			return s, nil
		}
	}
	return "", badFilter("sort", sort)
}

// encodeCursor writes a sort's name and the keys of a row as a cursor.
func encodeCursor(sort string, keys ...any) string {
	b, err := json.Marshal(append([]any{sort}, keys...))
	if err != nil { // keys are numbers, strings and times
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor of sort into keys, which point to values
// of the types encodeCursor was given. A cursor of another sort, or one
// that was not made here, is a FilterError.
func decodeCursor(cursor, sort string, keys ...any) error {
	bad := badFilter("after", cursor)
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return bad
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(b, &parts); err != nil || len(parts) != len(keys)+1 {
		return bad
	}
	var name string
	if err := json.Unmarshal(parts[0], &name); err != nil || name != sort {
		return bad
	}
	for i, k := range keys {
		if err := json.Unmarshal(parts[i+1], k); err != nil {
			return bad
		}
	}
	return nil
}

// keyCol is one column of a keyset: its expression and direction.
type keyCol struct {
	expr string
	desc bool
}

// after is the condition that a row sorts after the row whose keys are
// vals, under the columns' order: c1 > v1 OR (c1 = v1 AND (c2 > v2 …)).
// Written out rather than as a row comparison, so that the columns may
// go in different directions.
func after(cols []keyCol, vals []any) (string, []any) {
	if len(cols) != len(vals) || len(cols) == 0 {
		panic("store: keyset of unequal length")
	}
	// From the last column outwards:
	// cond_i = c_i op v_i OR (c_i = v_i AND cond_i+1).
	var cond string
	var args []any
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		op := " > ?"
		if c.desc {
			op = " < ?"
		}
		if cond == "" {
			cond, args = c.expr+op, []any{vals[i]}
			continue
		}
		cond = "(" + c.expr + op + " OR (" + c.expr + " = ? AND " + cond + "))"
		args = append([]any{vals[i], vals[i]}, args...)
	}
	return "(" + cond + ")", args
}

// orderBy is the ORDER BY clause of a keyset.
func orderBy(cols []keyCol) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c.expr
		if c.desc {
			parts[i] += " DESC"
		}
	}
	return " ORDER BY " + strings.Join(parts, ", ")
}

// contains is the condition that a text column contains a parameter,
// exactly, on either engine.
func (d dialect) contains(col string) string {
	if d.name == postgres.name {
		return "strpos(" + col + ", ?) > 0"
	}
	return "instr(" + col + ", ?) > 0"
}

// IsFilterError tells whether err is a refused filter value, and which.
func IsFilterError(err error) (*FilterError, bool) {
	var fe *FilterError
	ok := errors.As(err, &fe)
	return fe, ok
}

// pageOf cuts rows read with a LIMIT of limit+1 to a page, and gives it
// the cursor of its last row when there were more.
func pageOf[T any](rows []T, limit int, cursor func(T) string) Page[T] {
	p := Page[T]{Rows: rows}
	if len(rows) > limit {
		p.Rows = rows[:limit]
		p.Next = cursor(rows[limit-1])
	}
	if p.Rows == nil {
		p.Rows = []T{}
	}
	return p
}

// Times in keysets. Both engines keep a timestamp that sorts as a time:
// PostgreSQL as a timestamp, SQLite as its own text form, always in UTC
// (see Open), which sorts as the time it names. A cursor carries the
// time in RFC 3339 and gives it back to the driver as a time.
const cursorTimeLayout = time.RFC3339Nano

// timeKey is the expression a keyset sorts and compares a timestamp
// column by.
func (d dialect) timeKey(col string) string { return col }

// timeArg is a cursor's time as timeKey compares it.
func (d dialect) timeArg(t time.Time) any { return t.UTC() }

// cursorTime is a time in a cursor.
type cursorTime struct{ time.Time }

func (t cursorTime) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.UTC().Format(cursorTimeLayout))
}

func (t *cursorTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.Parse(cursorTimeLayout, s)
	t.Time = v
	return err
}

// Cursor is the cursor of a list that is cut outside the store, from
// rows computed there: the sort's name and the last row's keys.
func Cursor(sort string, keys ...any) string { return encodeCursor(sort, keys...) }

// ReadCursor reads a Cursor of sort into keys; another is a FilterError.
func ReadCursor(cursor, sort string, keys ...any) error { return decodeCursor(cursor, sort, keys...) }

// LimitOf is a page size as the lists take it: DefaultLimit for zero,
// a FilterError beyond MaxLimit.
func LimitOf(n int) (int, error) { return limitOf(n) }
