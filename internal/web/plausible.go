package web

import (
	"luoshi/internal/indicator"
	"luoshi/internal/store"
)

// valueFlagger checks the values of reports against their targets for
// the office (indicator.Plausible), loading each task's targets once per
// page; nil for everyone else, who is not shown the flags.
func (s *Server) valueFlagger(rq *request) func(taskID int64, key string, v float64) []string {
	if !rq.is(store.RoleOffice) || rq.ctx == nil {
		return nil
	}
	type target struct {
		key string
		g   store.Target
	}
	byTask := map[int64][]target{}
	return func(taskID int64, key string, v float64) []string {
		ts, ok := byTask[taskID]
		if !ok {
			t, p, err := s.visibleTask(rq.ctx, rq, taskID)
			if err != nil {
				s.log.Warn("plausibility of a report value", "task", taskID, "error", err)
			}
			for _, g := range t.Targets {
				ts = append(ts, target{store.TargetKey(g, p.Region).String(), g})
			}
			byTask[taskID] = ts
		}
		for _, x := range ts {
			if x.key != key {
				continue
			}
			var out []string
			for _, f := range indicator.Plausible(indicator.ValueCheck{Name: x.g.Indicator, Unit: x.g.Unit, Target: x.g.Value, Value: v}) {
				out = append(out, s.cat.T(rq.lang, "plausibility."+f, num(x.g.Value)))
			}
			return out
		}
		return nil
	}
}

// ValueFlags are the office's plausibility warnings on a value a report
// on task carries; none for other readers.
func (p *Page) ValueFlags(taskID int64, key string, v float64) []string {
	if p.flags == nil {
		return nil
	}
	return p.flags(taskID, key, v)
}
