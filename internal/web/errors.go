package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"luoshi/internal/extract"
	"luoshi/internal/reporting"
	"luoshi/internal/source"
	"luoshi/internal/store"
	"luoshi/internal/supervision"
)

// Error is a failure the caller can act on: an HTTP status and a message
// key translated at the edge.
type Error struct {
	Status int
	Key    string
	Args   []any
	Err    error // the cause, logged, never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Key, e.Err)
	}
	return e.Key
}

func (e *Error) Unwrap() error { return e.Err }

func userError(status int, key string, args ...any) *Error {
	return &Error{Status: status, Key: key, Args: args}
}

// classify maps any error to a status and a message key. Errors that are
// not the caller's fault become 500 with a generic message.
func classify(err error) *Error {
	var e *Error
	var tooBig *http.MaxBytesError
	if pe, ok := planError(err); ok {
		return pe
	}
	switch {
	case errors.As(err, &e):
		return e
	// The reporting rules' refusals, on the pages and the API alike.
	case errors.Is(err, reporting.ErrForbidden):
		return &Error{Status: http.StatusForbidden, Key: "error.forbidden", Err: err}
	case errors.Is(err, reporting.ErrStale), errors.Is(err, reporting.ErrInvalidTransition):
		return &Error{Status: http.StatusConflict, Key: "report.conflict", Err: err}
	case errors.Is(err, reporting.ErrCommentRequired):
		return &Error{Status: http.StatusUnprocessableEntity, Key: "report.comment_required", Err: err}
	case errors.Is(err, reporting.ErrEvidenceRequired):
		return &Error{Status: http.StatusUnprocessableEntity, Key: "report.evidence_required", Err: err}
	case errors.Is(err, reporting.ErrNothingToCarry):
		return &Error{Status: http.StatusUnprocessableEntity, Key: "report.nothing_to_carry", Err: err}
	case errors.Is(err, reporting.ErrInvalidContent):
		return &Error{Status: http.StatusUnprocessableEntity, Key: "error.invalid", Err: err}
	case errors.Is(err, supervision.ErrNoCalendar):
		return &Error{Status: http.StatusNotFound, Key: "report.no_calendar", Err: err}
	case errors.Is(err, supervision.ErrNoPeriod):
		return &Error{Status: http.StatusNotFound, Key: "report.no_period", Err: err}
	case errors.Is(err, supervision.ErrAction):
		return &Error{Status: http.StatusBadRequest, Key: "error.invalid", Err: err}
	case errors.Is(err, supervision.ErrNoReminders):
		return &Error{Status: http.StatusBadRequest, Key: "remind.none", Err: err}
	case errors.Is(err, supervision.ErrReminderLong):
		return &Error{Status: http.StatusBadRequest, Key: "remind.too_long", Err: err}
	case errors.Is(err, supervision.ErrTooManyReminders):
		return &Error{Status: http.StatusBadRequest, Key: "remind.too_many", Args: []any{supervision.MaxBulkReminders}, Err: err}
	case errors.Is(err, supervision.ErrNotAssigned):
		return &Error{Status: http.StatusBadRequest, Key: "remind.not_assigned", Err: err}
	case errors.Is(err, supervision.ErrUnpublished):
		return &Error{Status: http.StatusConflict, Key: "remind.unpublished", Err: err}
	case isFilterError(err):
		fe, _ := store.IsFilterError(err)
		return &Error{Status: http.StatusBadRequest, Key: "list.bad_filter", Args: []any{fe.Field}, Err: err}
	case errors.As(err, &tooBig):
		return &Error{Status: http.StatusRequestEntityTooLarge, Key: "import.too_large", Err: err}
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Key: "error.not_found", Err: err}
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: http.StatusConflict, Key: "error.conflict", Err: err}
	case errors.Is(err, store.ErrInvalid):
		return &Error{Status: http.StatusBadRequest, Key: "error.invalid", Err: err}
	case errors.Is(err, source.ErrEmpty), errors.Is(err, extract.ErrEmpty):
		return &Error{Status: http.StatusBadRequest, Key: "import.empty", Err: err}
	case errors.Is(err, source.ErrLegacyWord):
		return &Error{Status: http.StatusUnsupportedMediaType, Key: "import.legacy_word", Err: err}
	case errors.Is(err, source.ErrBinary), errors.Is(err, source.ErrEncoding), errors.Is(err, source.ErrNotDocx),
		errors.Is(err, source.ErrBrokenDocx), errors.Is(err, source.ErrBrokenPDF):
		return &Error{Status: http.StatusUnsupportedMediaType, Key: "import.unreadable", Err: err}
	case errors.Is(err, source.ErrPDFNoText):
		return &Error{Status: http.StatusUnprocessableEntity, Key: "import.pdf_no_text", Err: err}
	case errors.Is(err, source.ErrPDFPassword):
		return &Error{Status: http.StatusUnsupportedMediaType, Key: "import.pdf_password", Err: err}
	case errors.Is(err, source.ErrTooLarge), errors.Is(err, source.ErrPDFTooLarge):
		return &Error{Status: http.StatusRequestEntityTooLarge, Key: "import.too_large", Err: err}
	}
	return &Error{Status: http.StatusInternalServerError, Key: "error.internal", Err: err}
}

func isFilterError(err error) bool { _, ok := store.IsFilterError(err); return ok }

// fail answers a request whose handler returned err: the status and a
// safe, translated message to the caller, the details to the log.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	e := classify(err)
	attrs := []any{"method", r.Method, "path", r.URL.Path, "status", e.Status, "error", err.Error()}
	if rq.user != nil {
		attrs = append(attrs, "user", rq.user.Username)
	}
	if e.Status >= 500 {
		s.log.Error("request failed", attrs...)
	} else {
		s.log.Debug("request refused", attrs...)
	}
	msg := s.cat.T(rq.lang, e.Key, e.Args...)
	if rq.api {
		writeJSON(w, e.Status, apiError{Error: apiErrorBody{Code: e.Key, Message: msg}})
		return
	}
	s.render(w, r, rq, e.Status, "error", &errorView{Page: s.page(rq, errorTitle(e.Status)), Status: e.Status, Message: msg})
}

// errorTitle is the heading of an error page: what happened, in words.
func errorTitle(status int) string {
	switch status {
	case http.StatusNotFound:
		return "error.title_not_found"
	case http.StatusForbidden:
		return "error.title_forbidden"
	}
	return "error.title"
}

type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	PlanID  int64  `json:"plan_id,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		slog.Default().Debug("writing json", "error", err)
	}
}
