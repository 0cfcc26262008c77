package plan

import "encoding/json"

// The contract prints null for unknown values; these wire types map the
// model's zero values to null and back.

type documentJSON struct {
	Title     *string `json:"title"`
	DocNumber *string `json:"doc_number"`
	Issuer    *string `json:"issuer"`
	Date      *string `json:"date"`
	Region    *string `json:"region"`
	Year      *int    `json:"year"`
}

func (d Document) MarshalJSON() ([]byte, error) {
	return json.Marshal(documentJSON{
		Title: str(d.Title), DocNumber: str(d.DocNumber), Issuer: str(d.Issuer),
		Date: str(d.Date), Region: str(d.Region), Year: num(d.Year),
	})
}

func (d *Document) UnmarshalJSON(b []byte) error {
	var w documentJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*d = Document{Title: unstr(w.Title), DocNumber: unstr(w.DocNumber), Issuer: unstr(w.Issuer),
		Date: unstr(w.Date), Region: unstr(w.Region), Year: unnum(w.Year)}
	return nil
}

type taskJSON struct {
	Label       string        `json:"label"`
	Path        []string      `json:"path"`
	TaskForce   *string       `json:"task_force"`
	Text        string        `json:"text"`
	Lead        []string      `json:"lead"`
	Cooperating []string      `json:"cooperating"`
	Assignments []Assignment  `json:"assignments"`
	Deadline    *string       `json:"deadline"`
	Targets     []Target      `json:"targets"`
	Units       []UnitMention `json:"units"`
	Confidence  string        `json:"confidence"`
	Span
}

func (t Task) MarshalJSON() ([]byte, error) {
	return json.Marshal(taskJSON{
		Label: t.Label, Path: nonNil(t.Path), TaskForce: str(t.TaskForce), Text: t.Text,
		Lead: nonNil(t.Lead), Cooperating: nonNil(t.Cooperating),
		Assignments: nonNilSlice(t.Assignments), Deadline: str(t.Deadline),
		Targets: nonNilSlice(t.Targets), Units: nonNilSlice(t.Units), Confidence: confidence(t.Confidence), Span: t.Span,
	})
}

func (t *Task) UnmarshalJSON(b []byte) error {
	var w taskJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = Task{Label: w.Label, Path: w.Path, TaskForce: unstr(w.TaskForce), Text: w.Text,
		Lead: w.Lead, Cooperating: w.Cooperating, Assignments: w.Assignments,
		Deadline: unstr(w.Deadline), Targets: w.Targets, Units: w.Units, Confidence: w.Confidence, Span: w.Span}
	return nil
}

// confidence prints a task made without a judgement (an older stored
// plan) as high, as the extractor had no doubt to record.
func confidence(c string) string {
	if c == "" {
		return High
	}
	return c
}

type targetJSON struct {
	Text       string   `json:"text"`
	Indicator  string   `json:"indicator"`
	Value      float64  `json:"value"`
	ValueMax   *float64 `json:"value_max"`
	Unit       string   `json:"unit"`
	Comparator string   `json:"comparator"`
	Year       *int     `json:"year"`
	Span
}

func (t Target) MarshalJSON() ([]byte, error) {
	return json.Marshal(targetJSON{Text: t.Text, Indicator: t.Indicator, Value: t.Value,
		ValueMax: t.ValueMax, Unit: t.Unit, Comparator: t.Comparator, Year: num(t.Year), Span: t.Span})
}

func (t *Target) UnmarshalJSON(b []byte) error {
	var w targetJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = Target{Text: w.Text, Indicator: w.Indicator, Value: w.Value, ValueMax: w.ValueMax,
		Unit: w.Unit, Comparator: w.Comparator, Year: unnum(w.Year), Span: w.Span}
	return nil
}

// MarshalJSON prints empty lists as [] rather than null.
func (p Plan) MarshalJSON() ([]byte, error) {
	type wire Plan
	w := wire(p)
	w.Goals, w.Tasks = nonNilSlice(w.Goals), nonNilSlice(w.Tasks)
	w.Headings, w.Warnings = nonNilSlice(w.Headings), nonNilSlice(w.Warnings)
	return json.Marshal(w)
}

func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func unstr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func num(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func unnum(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
