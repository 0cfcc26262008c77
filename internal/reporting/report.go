package reporting

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// Errors of Transition. The web layer maps each to a message.
var (
	ErrForbidden         = errors.New("not allowed for this user")
	ErrInvalidTransition = errors.New("action not allowed in the report's state")
	ErrCommentRequired   = errors.New("a comment is required")
	ErrEvidenceRequired  = errors.New("closing a task needs evidence: a file or a final indicator value")
	ErrStale             = errors.New("the report was changed since it was read")
	ErrNothingToCarry    = errors.New("no earlier report to carry forward")
)

// MaxCommentRunes bounds the office's comment on a decision.
const MaxCommentRunes = 1000

// Role is what a user may do.
type Role string

// Roles, as the store names them.
const (
	Office   Role = "office"
	Reporter Role = "reporter"
	Viewer   Role = "viewer"
)

// Actor is the user acting on a report.
type Actor struct {
	UserID int64
	Role   Role
	UnitID int64 // the reporter's unit; office users may belong to a unit too
}

// State is where a report is in its life.
type State string

// Report states. A returned report stays returned: its revision is a new
// version that starts as a draft.
const (
	Draft     State = "draft"
	Submitted State = "submitted"
	Returned  State = "returned"
	Accepted  State = "accepted"
)

// Kind tells whether a report is the task's official report, written by
// its lead unit, or a cooperating unit's contribution to it.
type Kind string

// Report kinds.
const (
	Official     Kind = "official"
	Contribution Kind = "contribution" // addressed to the lead unit
)

// Closing is the state of a request to close the task (办结).
type Closing string

// Closing states. A closing is requested by submitting an official report
// with status Done; accepting that report confirms it, returning it
// rejects it.
const (
	NoClosing        Closing = ""
	ClosingRequested Closing = "requested"
	ClosingConfirmed Closing = "confirmed"
	ClosingRejected  Closing = "rejected"
)

// Report is one version of one unit's report on one task for one period.
//
// Version counts revisions: 1 for the first, one more each time a
// returned report is revised. Every version is kept; a transition never
// changes a report once submitted except for the office's decision.
// Rev counts the changes to this version and guards against lost
// updates: every action carries the Rev it was based on.
type Report struct {
	TaskID     int64
	Period     string // Period.Key
	UnitID     int64  // the unit of the assignment
	LeadUnitID int64  // the task's lead unit
	Version    int
	Rev        int
	State      State
	Content    Content
	Closing    Closing

	SubmittedBy int64
	SubmittedAt time.Time
	DecidedBy   int64 // the office user who accepted or returned it
	DecidedAt   time.Time
	Comment     string // the office's comment on its decision
}

// Kind is Official for the lead unit's report, Contribution otherwise.
func (r Report) Kind() Kind {
	if r.UnitID == r.LeadUnitID {
		return Official
	}
	return Contribution
}

// ActionKind names an action on a report.
type ActionKind string

// Actions.
const (
	Save   ActionKind = "save"   // reporter: change a draft
	Submit ActionKind = "submit" // reporter: submit a draft, optionally with new content
	Revise ActionKind = "revise" // reporter: start a new version of a returned report
	Accept ActionKind = "accept" // office: accept; confirms a closing request
	Return ActionKind = "return" // office: return with a comment; rejects a closing request
)

// Action is one request to change a report.
type Action struct {
	Kind    ActionKind
	BasedOn int       // the Rev of the report the user saw
	Content *Content  // new content for Save (required) and Submit (optional)
	Comment string    // the office's comment; required for Return
	At      time.Time // when the action happens, recorded on the report
}

// New returns the first draft of a unit's report on a task for a period.
func New(taskID int64, period string, unitID, leadUnitID int64) Report {
	return Report{TaskID: taskID, Period: period, UnitID: unitID, LeadUnitID: leadUnitID,
		Version: 1, Rev: 1, State: Draft}
}

// Transition applies action by actor to r and returns the report to
// store. When the result's Version differs from r's (Revise), it is a new
// row and r stays stored unchanged; otherwise it replaces r, provided the
// stored Rev is still r.Rev.
//
// Checks come in this order: who may act (ErrForbidden), whether the
// user saw the current report (ErrStale), whether the state allows the
// action (ErrInvalidTransition), then what the action carries
// (ErrCommentRequired, ErrEvidenceRequired, content errors).
func Transition(r Report, a Action, actor Actor) (Report, error) {
	if err := allowed(r, a.Kind, actor); err != nil {
		return r, err
	}
	if a.BasedOn != r.Rev {
		return r, ErrStale
	}
	from := map[ActionKind]State{Save: Draft, Submit: Draft, Revise: Returned, Accept: Submitted, Return: Submitted}
	if r.State != from[a.Kind] {
		return r, ErrInvalidTransition
	}
	out := r
	out.Rev++
	switch a.Kind {
	case Save:
		if a.Content == nil {
			return r, ErrInvalidContent
		}
		if err := a.Content.ValidateDraft(); err != nil {
			return r, err
		}
		out.Content = *a.Content
	case Submit:
		if a.Content != nil {
			out.Content = *a.Content
		}
		if err := out.Content.Validate(); err != nil {
			return r, err
		}
		if out.Kind() == Official && out.Content.Status == Done {
			if !out.Content.HasEvidence() {
				return r, ErrEvidenceRequired
			}
			out.Closing = ClosingRequested
		}
		out.State, out.SubmittedBy, out.SubmittedAt = Submitted, actor.UserID, a.At
	case Accept, Return:
		c := strings.TrimSpace(a.Comment)
		if a.Kind == Return && c == "" {
			return r, ErrCommentRequired
		}
		if utf8.RuneCountInString(c) > MaxCommentRunes {
			return r, ContentError{{Field: "comment", Key: "too_long"}}
		}
		out.Comment, out.DecidedBy, out.DecidedAt = c, actor.UserID, a.At
		out.State = Accepted
		if a.Kind == Return {
			out.State = Returned
		}
		if r.Closing == ClosingRequested {
			out.Closing = ClosingConfirmed
			if a.Kind == Return {
				out.Closing = ClosingRejected
			}
		}
	case Revise:
		out = Report{TaskID: r.TaskID, Period: r.Period, UnitID: r.UnitID, LeadUnitID: r.LeadUnitID,
			Version: r.Version + 1, Rev: 1, State: Draft, Content: cloneContent(r.Content)}
	}
	return out, nil
}

// allowed checks the actor's right to the action, whatever the state.
func allowed(r Report, k ActionKind, actor Actor) error {
	switch k {
	case Save, Submit, Revise:
		if actor.Role != Reporter || actor.UnitID == 0 || actor.UnitID != r.UnitID {
			return ErrForbidden
		}
	case Accept, Return:
		if actor.Role != Office {
			return ErrForbidden
		}
		// Nobody decides on their own report: not its submitter, not a
		// member of its unit.
		if (r.SubmittedBy != 0 && actor.UserID == r.SubmittedBy) || (actor.UnitID != 0 && actor.UnitID == r.UnitID) {
			return ErrForbidden
		}
	default:
		return ErrInvalidTransition
	}
	return nil
}

// CanRead tells whether actor may read r. A draft is its unit's own: only
// the unit's reporters read it, not even the office. Once submitted, a
// report is read by the office and viewers, by its unit, and, for a
// contribution, by the task's lead unit it is addressed to.
func CanRead(r Report, actor Actor) bool {
	own := actor.Role == Reporter && actor.UnitID != 0 && actor.UnitID == r.UnitID
	if r.State == Draft {
		return own
	}
	switch actor.Role {
	case Office, Viewer:
		return true
	case Reporter:
		return own || (r.Kind() == Contribution && actor.UnitID != 0 && actor.UnitID == r.LeadUnitID)
	}
	return false
}

func cloneContent(c Content) Content {
	c.Values = append([]Value(nil), c.Values...)
	c.Evidence = append([]Evidence(nil), c.Evidence...)
	return c
}
