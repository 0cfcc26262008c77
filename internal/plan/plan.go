// Package plan holds the model of a parsed policy plan: its document
// metadata, heading outline, tasks with their units and targets, and the
// warnings raised while reading it. The JSON form of a Plan is the
// extraction contract printed by `luoshi parse --json`.
package plan

// Plan is one policy document as understood by the extractor.
type Plan struct {
	Document Document  `json:"document"`
	Goals    []Target  `json:"goals"`
	Tasks    []Task    `json:"tasks"`
	Headings []Heading `json:"headings"`
	Warnings []Warning `json:"warnings"`

	// Source is the decoded text every Span indexes into, in runes.
	Source string `json:"-"`
}

// Span is a half-open range of rune offsets into Plan.Source.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Document is what the text says about itself; empty fields are unknown.
type Document struct {
	Title     string
	DocNumber string
	Issuer    string
	Date      string // ISO 8601 date
	Region    string
	Year      int
}

// Heading is one numbered or slogan heading of the plan's outline.
type Heading struct {
	Label     string   `json:"label"` // normalized label; empty for a slogan heading
	Level     int      `json:"level"` // 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）
	Title     string   `json:"title"`
	Path      []string `json:"path"` // labels of enclosing headings and its own
	TaskForce string   `json:"task_force,omitempty"`
	Span
}

// Task is the smallest numbered work item that carries its own text.
type Task struct {
	Label       string
	Path        []string
	TaskForce   string
	Text        string
	Lead        []string
	Cooperating []string
	Assignments []Assignment
	Deadline    string // ISO 8601 date or empty
	Targets     []Target
	Units       []UnitMention // every unit named by the task, in order of appearance
	// Confidence is High unless the units were not read with certainty:
	// a clause that could not be read or that the text cuts off, a name
	// that does not read as a unit, a lead read by an earlier item's note,
	// no units where the items beside it have them. Each such task also
	// has a warning that says why.
	Confidence string
	Span
}

// Confidences of a Task.
const (
	High = "high"
	Low  = "low"
)

// Role is the part a unit plays in an assignment.
type Role string

const (
	Lead        Role = "lead"
	Cooperating Role = "cooperating"
)

// Assignment is one responsibility clause of a task, e.g. one
// parenthesis "(A牵头，B配合)" that covers the sentences before it.
type Assignment struct {
	Lead        []string `json:"lead"`
	Cooperating []string `json:"cooperating"`
	Span
}

// UnitMention is one unit name as written in the text, with what the
// unit registry made of it.
type UnitMention struct {
	Name     string         `json:"name"`
	Role     Role           `json:"role"`
	Resolved []ResolvedUnit `json:"resolved,omitempty"`
	Match    string         `json:"match,omitempty"` // exact, alias, rename, pattern, collective, unknown
	Span
}

// ResolvedUnit is a registry unit that a mention stands for.
type ResolvedUnit struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
}

// Target is a quantitative commitment: a number the plan commits to reach.
type Target struct {
	Text       string
	Indicator  string
	Value      float64
	ValueMax   *float64 // upper end of a range, nil otherwise
	Unit       string
	Comparator string // "=", ">=", "<=", "~"
	Year       int    // 0 when unknown
	Span
}

// Comparators of a Target.
const (
	Equal   = "="
	AtLeast = ">="
	AtMost  = "<="
	About   = "~"
)

// Warning is something in the text that looked wrong or could not be read.
type Warning struct {
	Code    string `json:"code"`           // stable identifier, e.g. "label_repeat"
	Message string `json:"message"`        // one human-readable line
	Task    string `json:"task,omitempty"` // label of the task concerned, if any
	Span
}
