package store

import "time"

// Roles of an account. The public is not an account: it is the absence
// of a session.
const (
	RoleOffice   = "office"
	RoleReporter = "reporter"
	RoleViewer   = "viewer"
)

// Plan statuses.
const (
	PlanDraft     = "draft"
	PlanPublished = "published"
)

// Task statuses, as units report them.
var TaskStatuses = []string{"not_started", "on_track", "late", "done"}

// User is an account.
type User struct {
	ID           int64     `json:"id"`
	Username     string    `json:"username"`
	DisplayName  string    `json:"display_name"`
	Role         string    `json:"role"`
	UnitID       int64     `json:"unit_id"` // 0 unless a reporter
	UnitName     string    `json:"unit_name"`
	PasswordHash string    `json:"-"`
	Locale       string    `json:"locale"`
	CreatedAt    time.Time `json:"created_at"`
}

// Session is a logged-in browser. Only the hash of its token is stored.
type Session struct {
	TokenHash string    `json:"-"`
	UserID    int64     `json:"user_id"`
	CSRFToken string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Unit is an organisation that tasks are assigned to.
type Unit struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	Region     string `json:"region"`
	RegistryID string `json:"registry_id"` // empty when created by hand
	// FromPlan is the plan whose import or review created the unit, 0
	// for units created otherwise. Discarding that plan while it is a
	// draft removes the unit when nothing else uses it.
	FromPlan int64 `json:"-"`
}

// Plan is a stored plan document with its summary counts.
type Plan struct {
	ID          int64  `json:"id"`
	Title       string `json:"title"`
	DocNumber   string `json:"doc_number"`
	Issuer      string `json:"issuer"`
	DocDate     string `json:"doc_date"`
	Region      string `json:"region"`
	Year        int    `json:"year"`
	FileName    string `json:"file_name"`
	Source      string `json:"source,omitempty"`
	ContentHash string `json:"content_hash"`
	Status      string `json:"status"`
	Public      bool   `json:"public"`
	// Rev counts the changes to the plan's metadata; an edit carries the
	// Rev it was based on. Only PlanByID reads it.
	Rev         int        `json:"rev,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Warnings    []Warning  `json:"warnings,omitempty"`
	Goals       []Target   `json:"goals,omitempty"`
}

// Warning is a problem the extractor reported.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Task    string `json:"task,omitempty"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Heading is one line of a plan's outline.
type Heading struct {
	ID        int64  `json:"id"`
	PlanID    int64  `json:"plan_id"`
	Ord       int    `json:"ord"`
	Label     string `json:"label"`
	Level     int    `json:"level"`
	Title     string `json:"title"`
	Path      string `json:"path"` // labels joined by "/"
	TaskForce string `json:"task_force"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}

// Task is one numbered work item of a plan.
type Task struct {
	ID        int64     `json:"id"`
	PlanID    int64     `json:"plan_id"`
	Ord       int       `json:"ord"`
	Section   string    `json:"section"` // label of the top-level heading
	Path      string    `json:"path"`    // labels of enclosing headings joined by "/"
	Label     string    `json:"label"`
	Text      string    `json:"text"`
	TaskForce string    `json:"task_force"`
	Deadline  string    `json:"deadline"`
	Start     int       `json:"start"`
	End       int       `json:"end"`
	Status    string    `json:"status"`
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at"`
	// Confidence is the extractor's: "low" where it was not sure of the
	// task's units, so the office checks the task first.
	Confidence string `json:"confidence"`
	// Frequency is how often the task reports when the office set it
	// apart from its plan's calendar ("monthly", "quarterly"); "" follows
	// the calendar.
	Frequency string     `json:"frequency"`
	Units     []TaskUnit `json:"units,omitempty"`
	Targets   []Target   `json:"targets,omitempty"`
}

// TaskUnit is one unit named by a task, with the unit it was mapped to.
type TaskUnit struct {
	ID       int64  `json:"id"`
	TaskID   int64  `json:"task_id"`
	Ord      int    `json:"ord"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	UnitID   int64  `json:"unit_id"` // 0 while unmapped
	UnitName string `json:"unit_name"`
	UnitKind string `json:"unit_kind,omitempty"` // the mapped unit's kind
	Match    string `json:"match"`
	// AsIs: the office confirmed a collective name as it stands rather
	// than expanding it into its member units.
	AsIs  bool `json:"as_is,omitempty"`
	Start int  `json:"start"`
	End   int  `json:"end"`
}

// Target is a quantitative commitment of a plan (TaskID 0) or a task.
type Target struct {
	ID         int64    `json:"id"`
	PlanID     int64    `json:"plan_id"`
	TaskID     int64    `json:"task_id"`
	Ord        int      `json:"ord"`
	Text       string   `json:"text"`
	Indicator  string   `json:"indicator"`
	Value      float64  `json:"value"`
	ValueMax   *float64 `json:"value_max,omitempty"`
	Unit       string   `json:"unit"`
	Comparator string   `json:"comparator"`
	Year       int      `json:"year"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
}

// AuditEntry is one recorded change.
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"`
	Entity   string    `json:"entity"`
	EntityID int64     `json:"entity_id"`
	PlanID   int64     `json:"plan_id"`
	Before   string    `json:"before"`
	After    string    `json:"after"`
}

// Actor is who makes a change, for the audit log.
type Actor struct {
	UserID   int64  `json:"user_id"`
	Username string `json:"username"`
}
