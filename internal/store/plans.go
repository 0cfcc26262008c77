package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"luoshi/internal/plan"
)

// ContentHash identifies a document by its text, ignoring blank lines and
// the spacing around lines, so that the same plan saved in another
// encoding or re-pasted is recognised.
func ContentHash(source string) string {
	h := sha256.New()
	for _, line := range strings.Split(source, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		h.Write([]byte(line))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// NewPlan is an extracted plan about to be stored as a draft.
type NewPlan struct {
	Plan     *plan.Plan
	FileName string
}

// CreatePlan stores an extracted plan as a draft with its headings,
// tasks, unit mentions and targets. Mentions are mapped to stored units
// when the registry resolved them or a unit of that exact name exists.
// A document already stored (same ContentHash) is ErrConflict.
func (s *Store) CreatePlan(ctx context.Context, a Actor, np NewPlan) (int64, error) {
	p := np.Plan
	if p == nil || len(p.Tasks) == 0 {
		return 0, fmt.Errorf("store: create plan: %w", errNoTasks)
	}
	d := p.Document
	title := strings.TrimSpace(d.Title)
	if title == "" {
		title = np.FileName
	}
	warnings := make([]Warning, len(p.Warnings))
	for i, w := range p.Warnings {
		warnings[i] = Warning{Code: w.Code, Message: w.Message, Task: w.Task, Start: w.Start, End: w.End}
	}
	wj, err := json.Marshal(warnings)
	if err != nil {
		return 0, fmt.Errorf("store: create plan: %w", err)
	}
	hash := ContentHash(p.Source)
	var planID int64
	err = s.Tx(ctx, func(tx *Tx) error {
		var err error
		planID, err = tx.insert(ctx, `INSERT INTO plans (title, doc_number, issuer, doc_date, region, year, file_name,
			source, content_hash, warnings, status, public, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', FALSE, ?, ?, ?)`,
			title, d.DocNumber, d.Issuer, d.Date, d.Region, d.Year, np.FileName, p.Source, hash, string(wj),
			nullID(a.UserID), tx.now, tx.now)
		if err != nil {
			return err
		}
		for i, h := range p.Headings {
			if _, err := tx.exec(ctx, `INSERT INTO headings (plan_id, ord, label, level, title, path, task_force, span_start, span_end)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, planID, i, h.Label, h.Level, h.Title, strings.Join(h.Path, "/"), h.TaskForce, h.Start, h.End); err != nil {
				return err
			}
		}
		for i, g := range p.Goals {
			if err := tx.insertTarget(ctx, planID, 0, i, g); err != nil {
				return err
			}
		}
		units := unitResolver{tx: tx, region: d.Region, plan: planID, byName: map[string]int64{}}
		for i, t := range p.Tasks {
			section := ""
			if len(t.Path) > 0 {
				section = t.Path[0]
			}
			confidence := plan.High
			if t.Confidence == plan.Low {
				confidence = plan.Low
			}
			taskID, err := tx.insert(ctx, `INSERT INTO tasks (plan_id, ord, section, path, label, text, task_force, deadline,
				span_start, span_end, status, version, updated_at, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'not_started', 1, ?, ?)`,
				planID, i, section, strings.Join(t.Path, "/"), t.Label, t.Text, t.TaskForce, t.Deadline, t.Start, t.End, tx.now, confidence)
			if err != nil {
				return err
			}
			ord := 0
			for _, m := range mentionsOf(t) {
				ids, err := units.resolve(ctx, m)
				if err != nil {
					return err
				}
				if len(ids) == 0 {
					ids = []int64{0}
				}
				for _, uid := range ids {
					if _, err := tx.exec(ctx, `INSERT INTO task_units (task_id, ord, name, role, unit_id, match, span_start, span_end)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, taskID, ord, m.Name, roleOf(m.Role), nullID(uid), m.Match, m.Start, m.End); err != nil {
						return err
					}
					ord++
				}
			}
			for j, g := range t.Targets {
				if err := tx.insertTarget(ctx, planID, taskID, j, g); err != nil {
					return err
				}
			}
		}
		return tx.audit(ctx, a, "import", "plan", planID, planID, nil,
			map[string]any{"title": title, "file": np.FileName, "tasks": len(p.Tasks), "hash": hash})
	})
	if err != nil {
		return 0, fmt.Errorf("store: create plan %q: %w", title, err)
	}
	return planID, nil
}

var errNoTasks = errors.New("plan has no tasks")

// mentionsOf returns the unit mentions of a task; when the extractor gave
// only Lead and Cooperating lists, mentions are made from them.
func mentionsOf(t plan.Task) []plan.UnitMention {
	if len(t.Units) > 0 {
		return t.Units
	}
	var ms []plan.UnitMention
	for _, n := range t.Lead {
		ms = append(ms, plan.UnitMention{Name: n, Role: plan.Lead})
	}
	for _, n := range t.Cooperating {
		ms = append(ms, plan.UnitMention{Name: n, Role: plan.Cooperating})
	}
	return ms
}

func roleOf(r plan.Role) string {
	if r == plan.Cooperating {
		return string(plan.Cooperating)
	}
	return string(plan.Lead)
}

// unitResolver maps mentions to stored units during an import.
type unitResolver struct {
	tx     *Tx
	region string
	plan   int64 // the plan being imported, which creates the units it is the first to name
	byName map[string]int64
}

func (r *unitResolver) resolve(ctx context.Context, m plan.UnitMention) ([]int64, error) {
	var ids []int64
	for _, ru := range m.Resolved {
		if ru.ID == "" {
			continue
		}
		id, err := r.tx.upsertRegistryUnit(ctx, Unit{Name: ru.Name, Kind: ru.Kind, Region: r.region, RegistryID: ru.ID, FromPlan: r.plan})
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if len(ids) > 0 {
		return ids, nil
	}
	if id, ok := r.byName[m.Name]; ok {
		return idOrNone(id), nil
	}
	var id int64
	err := r.tx.queryRow(ctx, `SELECT id FROM units WHERE name = ?
		ORDER BY CASE WHEN region = ? THEN 0 ELSE 1 END, id LIMIT 1`, m.Name, r.region).Scan(&id)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	r.byName[m.Name] = id
	return idOrNone(id), nil
}

func idOrNone(id int64) []int64 {
	if id == 0 {
		return nil
	}
	return []int64{id}
}

func (t *Tx) insertTarget(ctx context.Context, planID, taskID int64, ord int, g plan.Target) error {
	var vmax sql.NullFloat64
	if g.ValueMax != nil {
		vmax = sql.NullFloat64{Float64: *g.ValueMax, Valid: true}
	}
	cmp := g.Comparator
	if cmp == "" {
		cmp = plan.Equal
	}
	_, err := t.exec(ctx, `INSERT INTO targets (plan_id, task_id, ord, text, indicator, value, value_max, unit, comparator, year, span_start, span_end)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		planID, nullID(taskID), ord, g.Text, g.Indicator, g.Value, vmax, g.Unit, cmp, g.Year, g.Start, g.End)
	return err
}

const planColumns = `id, title, doc_number, issuer, doc_date, region, year, file_name, content_hash, status, public,
	created_at, updated_at, published_at, warnings`

func scanPlan(sc interface{ Scan(...any) error }) (Plan, error) {
	var p Plan
	var pub sql.NullTime
	var warnings string
	err := sc.Scan(&p.ID, &p.Title, &p.DocNumber, &p.Issuer, &p.DocDate, &p.Region, &p.Year, &p.FileName, &p.ContentHash,
		&p.Status, &p.Public, &p.CreatedAt, &p.UpdatedAt, &pub, &warnings)
	if err != nil {
		return p, mapErr(err)
	}
	if pub.Valid {
		t := pub.Time
		p.PublishedAt = &t
	}
	if err := json.Unmarshal([]byte(warnings), &p.Warnings); err != nil {
		return p, fmt.Errorf("warnings of plan %d: %w", p.ID, err)
	}
	return p, nil
}

// PlanByID returns a plan with its source text, goals and revision.
func (s *Store) PlanByID(ctx context.Context, id int64) (Plan, error) {
	p, err := scanPlan(s.queryRow(ctx, `SELECT `+planColumns+` FROM plans WHERE id = ?`, id))
	if err != nil {
		return p, fmt.Errorf("store: plan %d: %w", id, err)
	}
	if err := s.queryRow(ctx, `SELECT source, rev FROM plans WHERE id = ?`, id).Scan(&p.Source, &p.Rev); err != nil {
		return p, fmt.Errorf("store: plan %d: %w", id, mapErr(err))
	}
	p.Goals, err = s.targets(ctx, `WHERE plan_id = ? AND task_id IS NULL ORDER BY ord`, id)
	if err != nil {
		return p, err
	}
	return p, nil
}

// PlanByHash finds a stored plan by its ContentHash.
func (s *Store) PlanByHash(ctx context.Context, hash string) (Plan, error) {
	p, err := scanPlan(s.queryRow(ctx, `SELECT `+planColumns+` FROM plans WHERE content_hash = ?`, hash))
	if err != nil {
		return p, fmt.Errorf("store: plan by hash: %w", err)
	}
	return p, nil
}

func (s *Store) targets(ctx context.Context, where string, args ...any) ([]Target, error) {
	rows, err := s.query(ctx, `SELECT id, plan_id, COALESCE(task_id, 0), ord, text, indicator, value, value_max, unit,
		comparator, year, span_start, span_end FROM targets `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: targets: %w", err)
	}
	defer rows.Close()
	var out []Target
	for rows.Next() {
		var t Target
		var vmax sql.NullFloat64
		if err := rows.Scan(&t.ID, &t.PlanID, &t.TaskID, &t.Ord, &t.Text, &t.Indicator, &t.Value, &vmax, &t.Unit,
			&t.Comparator, &t.Year, &t.Start, &t.End); err != nil {
			return nil, fmt.Errorf("store: targets: %w", err)
		}
		if vmax.Valid {
			v := vmax.Float64
			t.ValueMax = &v
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// DeletePlan removes a draft plan and everything extracted from it,
// with the units it created that nothing else uses (see DiscardDraft).
// Published plans are ErrConflict: their assignments are live work.
func (s *Store) DeletePlan(ctx context.Context, a Actor, id int64) error {
	_, err := s.DiscardDraft(ctx, a, id)
	return err
}

// Publish turns a draft into live work: one assignment per task, mapped
// unit and role. It returns the number of assignments created.
func (s *Store) Publish(ctx context.Context, a Actor, planID int64) (int, error) {
	return s.publish(ctx, a, planID, nil)
}

func (s *Store) publish(ctx context.Context, a Actor, planID int64, guard func([]Task) error) (int, error) {
	var n int
	err := s.Tx(ctx, func(tx *Tx) error {
		var status string
		if err := tx.queryRow(ctx, `SELECT status FROM plans WHERE id = ?`, planID).Scan(&status); err != nil {
			return fmt.Errorf("store: plan %d: %w", planID, mapErr(err))
		}
		if status == PlanPublished {
			return fmt.Errorf("store: publish plan %d: %w: already published", planID, ErrConflict)
		}
		if guard != nil {
			tasks, err := tx.planTasks(ctx, planID)
			if err != nil {
				return err
			}
			if err := guard(tasks); err != nil {
				return err
			}
		}
		res, err := tx.exec(ctx, `INSERT INTO assignments (plan_id, task_id, unit_id, role, created_at)
			SELECT DISTINCT t.plan_id, t.id, tu.unit_id, tu.role, `+tx.d.timeParam+` FROM tasks t JOIN task_units tu ON tu.task_id = t.id
			WHERE t.plan_id = ? AND tu.unit_id IS NOT NULL
			ON CONFLICT (task_id, unit_id, role) DO NOTHING`, tx.now, planID)
		if err != nil {
			return fmt.Errorf("store: publish plan %d: %w", planID, err)
		}
		c, _ := res.RowsAffected()
		n = int(c)
		if _, err := tx.exec(ctx, `UPDATE plans SET status = 'published', published_at = ?, updated_at = ? WHERE id = ?`, tx.now, tx.now, planID); err != nil {
			return fmt.Errorf("store: publish plan %d: %w", planID, err)
		}
		return tx.audit(ctx, a, "publish", "plan", planID, planID, map[string]string{"status": status},
			map[string]any{"status": PlanPublished, "assignments": n})
	})
	return n, err
}

// SetPublic marks a plan readable, or not, by the public.
func (s *Store) SetPublic(ctx context.Context, a Actor, planID int64, public bool) error {
	return s.Tx(ctx, func(tx *Tx) error {
		var before bool
		if err := tx.queryRow(ctx, `SELECT public FROM plans WHERE id = ?`, planID).Scan(&before); err != nil {
			return fmt.Errorf("store: plan %d: %w", planID, mapErr(err))
		}
		if _, err := tx.exec(ctx, `UPDATE plans SET public = ?, updated_at = ? WHERE id = ?`, public, tx.now, planID); err != nil {
			return fmt.Errorf("store: set public: %w", err)
		}
		return tx.audit(ctx, a, "set_public", "plan", planID, planID, map[string]bool{"public": before}, map[string]bool{"public": public})
	})
}
