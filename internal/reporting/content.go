package reporting

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Status is what a unit says about its task.
type Status string

// Task statuses. The values are the names stored and sent over the API;
// Label gives the Chinese wording the plans use.
const (
	Done       Status = "done"        // 已完成
	OnTrack    Status = "on_track"    // 按进度推进
	Late       Status = "late"        // 滞后
	NotStarted Status = "not_started" // 未启动
)

// Statuses lists the statuses in the order forms offer them.
var Statuses = []Status{Done, OnTrack, Late, NotStarted}

var statusLabels = map[Status]string{
	Done: "已完成", OnTrack: "按进度推进", Late: "滞后", NotStarted: "未启动",
}

// Label is the Chinese name of the status.
func (s Status) Label() string { return statusLabels[s] }

// Valid tells whether s is one of Statuses.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// ParseStatus accepts a status by its English name or Chinese label.
func ParseStatus(s string) (Status, error) {
	s = strings.TrimSpace(s)
	for _, st := range Statuses {
		if s == string(st) || s == st.Label() {
			return st, nil
		}
	}
	return "", fmt.Errorf("%w: unknown status %q", ErrInvalidContent, s)
}

// Confidence is the unit's forecast that the task will be done in time.
type Confidence string

// Confidence levels.
const (
	Confident Confidence = "on_track" // 有把握按期完成
	AtRisk    Confidence = "at_risk"  // 存在风险
	Unlikely  Confidence = "unlikely" // 难以按期完成
)

// Confidences lists the levels in the order forms offer them.
var Confidences = []Confidence{Confident, AtRisk, Unlikely}

var confidenceLabels = map[Confidence]string{
	Confident: "有把握按期完成", AtRisk: "存在风险", Unlikely: "难以按期完成",
}

// Label is the Chinese name of the confidence level.
func (c Confidence) Label() string { return confidenceLabels[c] }

// Valid tells whether c is one of Confidences.
func (c Confidence) Valid() bool { _, ok := confidenceLabels[c]; return ok }

// Length limits of a report's text fields, in characters.
const (
	MaxTextRunes     = 2000 // what was done, problems, next steps
	MaxIndicatorKey  = 200
	MaxEvidenceFiles = 20
)

// ErrInvalidContent is wrapped by every content error.
var ErrInvalidContent = errors.New("invalid report content")

// FieldError is one problem with one field; Key is a stable translation
// key, Field names the field ("progress", "values[2].value").
type FieldError struct {
	Field string
	Key   string
}

// ContentError lists every problem found in a report's content.
type ContentError []FieldError

func (e ContentError) Error() string {
	parts := make([]string, len(e))
	for i, f := range e {
		parts[i] = f.Field + ": " + f.Key
	}
	return ErrInvalidContent.Error() + ": " + strings.Join(parts, "; ")
}

// Is makes errors.Is(err, ErrInvalidContent) true.
func (e ContentError) Is(target error) bool { return target == ErrInvalidContent }

// Value is the current value of one of the task's target indicators.
type Value struct {
	Indicator string // indicator key, see package indicator
	Value     float64
}

// Evidence is a checked file attached to a report.
type Evidence struct {
	StoredName  string // random name on disk, see CheckEvidence
	DisplayName string // the uploader's file name, for display only
	Type        string // sniffed media type
	Size        int64
}

// Content is what a unit writes in a report.
type Content struct {
	Status     Status
	Progress   int // percent, 0–100
	Confidence Confidence
	Done       string // what was done
	Problems   string
	NextSteps  string
	Values     []Value
	Evidence   []Evidence
	// NoProgress marks a report that carries the last period's status
	// forward: nothing new happened this period (本期无新进展).
	NoProgress bool
}

// HasEvidence tells whether the content supports closing the task: a
// file or a final indicator value.
func (c Content) HasEvidence() bool { return len(c.Evidence) > 0 || len(c.Values) > 0 }

// Validate checks the content of a report about to be submitted.
func (c Content) Validate() error { return c.check(true) }

// ValidateDraft checks a draft being saved: everything Validate checks
// except the fields a draft may still leave empty.
func (c Content) ValidateDraft() error { return c.check(false) }

func (c Content) check(complete bool) error {
	var errs ContentError
	add := func(field, key string) { errs = append(errs, FieldError{field, key}) }
	switch {
	case c.Status == "" && complete:
		add("status", "required")
	case c.Status != "" && !c.Status.Valid():
		add("status", "unknown")
	}
	if c.Progress < 0 || c.Progress > 100 {
		add("progress", "out_of_range")
	} else if complete && c.Status == Done && c.Progress != 100 {
		add("progress", "done_needs_100")
	} else if complete && c.Status == NotStarted && c.Progress != 0 {
		add("progress", "not_started_needs_0")
	}
	switch {
	case c.Confidence == "" && complete:
		add("confidence", "required")
	case c.Confidence != "" && !c.Confidence.Valid():
		add("confidence", "unknown")
	}
	for _, f := range []struct{ name, text string }{
		{"done", c.Done}, {"problems", c.Problems}, {"next_steps", c.NextSteps},
	} {
		if !utf8.ValidString(f.text) {
			add(f.name, "not_utf8")
		} else if utf8.RuneCountInString(f.text) > MaxTextRunes {
			add(f.name, "too_long")
		}
	}
	seen := make(map[string]bool, len(c.Values))
	for i, v := range c.Values {
		field := fmt.Sprintf("values[%d]", i)
		switch k := strings.TrimSpace(v.Indicator); {
		case k == "":
			add(field+".indicator", "required")
		case utf8.RuneCountInString(k) > MaxIndicatorKey:
			add(field+".indicator", "too_long")
		case seen[k]:
			add(field+".indicator", "duplicate")
		default:
			seen[k] = true
		}
		if math.IsNaN(v.Value) || math.IsInf(v.Value, 0) {
			add(field+".value", "not_finite")
		}
	}
	if len(c.Evidence) > MaxEvidenceFiles {
		add("evidence", "too_many")
	}
	for i, e := range c.Evidence {
		if e.StoredName == "" || !validStoredName(e.StoredName) {
			add(fmt.Sprintf("evidence[%d]", i), "unchecked")
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}
