package store

import (
	"context"
	"fmt"
	"slices"
	"time"

	"luoshi/internal/indicator"
)

// LitPlan is a plan's tasks with their lights. A light is computed from
// the task's deadline, reports, closing and indicators under the office's
// thresholds, not stored, so a list filtered or sorted by light is cut
// from the plan's tasks here rather than in SQL; its cursor is still the
// keys of the last row, not an offset.
type LitPlan struct {
	Outline Outline
	Lights  map[int64]TaskLight
}

// LightFilter narrows a plan's tasks with their lights.
type LightFilter struct {
	Section   string `json:"section"`
	TaskForce string `json:"task_force"`
	UnitID    int64  `json:"unit_id"` // tasks that name the unit, in either role
	Status    string `json:"status"`
	Light     string `json:"light"` // red, yellow, green, or "" for all
	Sort      string `json:"sort"`  // "light" (red first, the default) or "order" (document order)
	Limit     int    `json:"limit"`
	After     string `json:"after"`
}

// LightColors are the lights, worst first.
var LightColors = []string{string(indicator.Red), string(indicator.Yellow), string(indicator.Green)}

// LightRow is a task with its light.
type LightRow struct {
	Task  Task
	Light TaskLight
}

// LightPage is a page of lit tasks, with the number of each light among
// the tasks that match the filter but for its light, and the number
// that match it in all.
type LightPage struct {
	Page[LightRow]
	Counts map[string]int
	Total  int
}

func lightRank(c indicator.Color) int {
	if i := slices.Index(LightColors, string(c)); i >= 0 {
		return i
	}
	return len(LightColors)
}

// Has tells whether a task names a unit, in either role.
func (t Task) Has(unitID int64) bool {
	return slices.ContainsFunc(t.Units, func(u TaskUnit) bool { return u.UnitID == unitID })
}

// List cuts a page from the plan's lit tasks.
func (lp LitPlan) List(f LightFilter) (LightPage, error) {
	out := LightPage{Counts: map[string]int{}}
	limit, err := limitOf(f.Limit)
	if err != nil {
		return out, err
	}
	sort, err := sortOf(f.Sort, "light", "order")
	if err != nil {
		return out, err
	}
	if f.Light != "" && !slices.Contains(LightColors, f.Light) {
		return out, badFilter("light", f.Light)
	}
	if f.Status != "" && !slices.Contains(TaskStatuses, f.Status) {
		return out, badFilter("status", f.Status)
	}
	if f.UnitID < 0 {
		return out, badFilter("unit", fmt.Sprint(f.UnitID))
	}
	var rank, ord int
	var id int64
	if f.After != "" {
		if sort == "light" {
			err = decodeCursor(f.After, sort, &rank, &ord, &id)
		} else {
			err = decodeCursor(f.After, sort, &ord, &id)
		}
		if err != nil {
			return out, err
		}
	}
	key := func(r LightRow) [3]int64 {
		k := [3]int64{0, int64(r.Task.Ord), r.Task.ID}
		if sort == "light" {
			k[0] = int64(lightRank(r.Light.Color))
		}
		return k
	}
	cursorKey := [3]int64{int64(rank), int64(ord), id}
	if sort == "order" {
		cursorKey[0] = 0
	}
	less := func(a, b [3]int64) int { return slices.Compare(a[:], b[:]) }
	var rows []LightRow
	for _, t := range lp.Outline.Tasks {
		if f.Section != "" && t.Section != f.Section || f.TaskForce != "" && t.TaskForce != f.TaskForce ||
			f.Status != "" && t.Status != f.Status || f.UnitID != 0 && !t.Has(f.UnitID) {
			continue
		}
		l := lp.Lights[t.ID]
		if l.Color == "" {
			l.Color = indicator.Green
		}
		out.Counts[string(l.Color)]++
		if f.Light != "" && string(l.Color) != f.Light {
			continue
		}
		out.Total++
		r := LightRow{Task: t, Light: l}
		if f.After != "" && less(key(r), cursorKey) <= 0 {
			continue
		}
		rows = append(rows, r)
	}
	slices.SortFunc(rows, func(a, b LightRow) int { return less(key(a), key(b)) })
	if len(rows) > limit+1 {
		rows = rows[:limit+1]
	}
	out.Page = pageOf(rows, limit, func(r LightRow) string {
		k := key(r)
		if sort == "light" {
			return encodeCursor(sort, int(k[0]), r.Task.Ord, r.Task.ID)
		}
		return encodeCursor(sort, r.Task.Ord, r.Task.ID)
	})
	return out, nil
}

// LightList computes a plan's lights at now and cuts a page of them.
func (s *Store) LightList(ctx context.Context, planID int64, now time.Time, f LightFilter) (LightPage, error) {
	lp, err := s.LitPlan(ctx, planID, now)
	if err != nil {
		return LightPage{}, err
	}
	return lp.List(f)
}
