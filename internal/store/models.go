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
	ID           int64
	Username     string
	DisplayName  string
	Role         string
	UnitID       int64 // 0 unless a reporter
	UnitName     string
	PasswordHash string
	Locale       string
	CreatedAt    time.Time
}

// Session is a logged-in browser. Only the hash of its token is stored.
type Session struct {
	TokenHash string
	UserID    int64
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Unit is an organisation that tasks are assigned to.
type Unit struct {
	ID         int64
	Name       string
	Kind       string
	Region     string
	RegistryID string // empty when created by hand
}

// Plan is a stored plan document with its summary counts.
type Plan struct {
	ID          int64
	Title       string
	DocNumber   string
	Issuer      string
	DocDate     string
	Region      string
	Year        int
	FileName    string
	Source      string
	ContentHash string
	Status      string
	Public      bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
	PublishedAt *time.Time
	Warnings    []Warning
	Goals       []Target
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
	ID        int64
	PlanID    int64
	Ord       int
	Label     string
	Level     int
	Title     string
	Path      string // labels joined by "/"
	TaskForce string
	Start     int
	End       int
}

// Task is one numbered work item of a plan.
type Task struct {
	ID        int64
	PlanID    int64
	Ord       int
	Section   string // label of the top-level heading
	Path      string // labels of enclosing headings joined by "/"
	Label     string
	Text      string
	TaskForce string
	Deadline  string
	Start     int
	End       int
	Status    string
	Version   int
	UpdatedAt time.Time
	Units     []TaskUnit
	Targets   []Target
}

// TaskUnit is one unit named by a task, with the unit it was mapped to.
type TaskUnit struct {
	ID       int64
	TaskID   int64
	Ord      int
	Name     string
	Role     string
	UnitID   int64 // 0 while unmapped
	UnitName string
	Match    string
	Start    int
	End      int
}

// Target is a quantitative commitment of a plan (TaskID 0) or a task.
type Target struct {
	ID         int64
	PlanID     int64
	TaskID     int64
	Ord        int
	Text       string
	Indicator  string
	Value      float64
	ValueMax   *float64
	Unit       string
	Comparator string
	Year       int
	Start      int
	End        int
}

// AuditEntry is one recorded change.
type AuditEntry struct {
	ID       int64
	At       time.Time
	UserID   int64
	Actor    string
	Action   string
	Entity   string
	EntityID int64
	PlanID   int64
	Before   string
	After    string
}

// Actor is who makes a change, for the audit log.
type Actor struct {
	UserID   int64
	Username string
}
