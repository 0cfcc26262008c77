package reporting

import (
	"fmt"
	"slices"
	"strings"
)

// CheckTargets checks that every value names one of the task's own
// target indicators (keys): a report speaks for its task, never for
// another task's or unit's series. Each other key is a FieldError
// "values[i].indicator: not_a_target".
func CheckTargets(values []Value, keys map[string]bool) error {
	var errs ContentError
	for i, v := range values {
		if !keys[strings.TrimSpace(v.Indicator)] {
			errs = append(errs, FieldError{Field: fmt.Sprintf("values[%d].indicator", i), Key: "not_a_target"})
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Patch is a change to a report's content: a nil field is left as it
// is, a set one replaces it (an empty text or list clears it). Evidence
// is kept unless named in RemoveEvidence; AddEvidence is appended.
type Patch struct {
	Status     *Status
	Progress   *int
	Confidence *Confidence
	Done       *string
	Problems   *string
	NextSteps  *string
	Values     *[]Value

	RemoveEvidence []string // stored names
	AddEvidence    []Evidence
}

// Apply returns base changed by p; base is not modified. Texts are
// trimmed. A patched report is a report written for this period, not
// one that carries the last forward.
func (p Patch) Apply(base Content) Content {
	c := cloneContent(base)
	if p.Status != nil {
		c.Status = *p.Status
	}
	if p.Progress != nil {
		c.Progress = *p.Progress
	}
	if p.Confidence != nil {
		c.Confidence = *p.Confidence
	}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&c.Done, p.Done}, {&c.Problems, p.Problems}, {&c.NextSteps, p.NextSteps}} {
		if f.src != nil {
			*f.dst = strings.TrimSpace(*f.src)
		}
	}
	if p.Values != nil {
		c.Values = slices.Clone(*p.Values)
	}
	if len(p.RemoveEvidence) > 0 {
		c.Evidence = slices.DeleteFunc(c.Evidence, func(e Evidence) bool { return slices.Contains(p.RemoveEvidence, e.StoredName) })
	}
	c.Evidence = append(c.Evidence, p.AddEvidence...)
	c.NoProgress = false
	return c
}

// Full is the patch that sets every field to c's, as a form that sends
// every field does.
func Full(c Content) Patch {
	values := slices.Clone(c.Values)
	return Patch{Status: &c.Status, Progress: &c.Progress, Confidence: &c.Confidence, Done: &c.Done,
		Problems: &c.Problems, NextSteps: &c.NextSteps, Values: &values}
}

// CarryForward is the content of a report that says nothing new
// happened since last: last's status, progress, confidence, problems
// and next steps, with no values or files of its own (they were last
// period's). A closed task has nothing to carry.
func CarryForward(last Content) (Content, error) {
	if last.Status == "" {
		return Content{}, ErrNothingToCarry
	}
	if last.Status == Done {
		return Content{}, ErrNothingToCarry
	}
	return Content{Status: last.Status, Progress: last.Progress, Confidence: last.Confidence,
		Problems: last.Problems, NextSteps: last.NextSteps, NoProgress: true}, nil
}

// CopyOf is the content of last offered to pre-fill this period's form:
// everything the unit wrote, its values too, but not its files, which
// belong to the report they were checked for.
func CopyOf(last Content) Content {
	c := cloneContent(last)
	c.Evidence = nil
	c.NoProgress = false
	return c
}

// Redact is r as actor may see it: the office's comment on a decision is
// for the office and the report's own unit, not for another unit that
// reads the report (a lead unit reading a contribution).
func Redact(r Report, actor Actor) Report {
	if actor.Role == Reporter && actor.UnitID != r.UnitID {
		r.Comment = ""
	}
	return r
}
