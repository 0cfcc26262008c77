package demo

import (
	"context"
	"fmt"
	"time"

	"luoshi/internal/indicator"
	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// seedProgress gives the demonstration plan a quarterly calendar and a
// season of reports, so that the lights show every colour, the office
// has reports to review and an indicator has values to project.
func seedProgress(ctx context.Context, st *store.Store, planID int64) error {
	if _, err := st.SetCalendar(ctx, system, store.Calendar{PlanID: planID, Frequency: "quarterly", DueAfter: 15, Start: "2026-01-01", End: "2026-12-31"}); err != nil {
		return fmt.Errorf("demo calendar: %w", err)
	}
	admin, err := st.UserByName(ctx, "admin")
	if err != nil {
		return err
	}
	o, err := st.PlanOutline(ctx, planID, store.TaskFilter{})
	if err != nil {
		return err
	}
	p, err := st.PlanByID(ctx, planID)
	if err != nil {
		return err
	}
	byLabel := map[string]store.Task{}
	for _, t := range o.Tasks {
		byLabel[t.Label] = t
	}
	reporter := map[int64]store.User{}
	for _, r := range Reporters {
		u, err := st.UserByName(ctx, r.Username)
		if err == nil {
			reporter[u.UnitID] = u
		}
	}
	loc := reporting.Shanghai()
	quarterEnd := map[string]time.Time{
		"2026-Q1": time.Date(2026, 3, 31, 0, 0, 0, 0, loc),
		"2026-Q2": time.Date(2026, 6, 30, 0, 0, 0, 0, loc),
		"2026-Q3": time.Date(2026, 9, 30, 0, 0, 0, 0, loc),
	}
	officeActor := store.Actor{UserID: admin.ID, Username: admin.Username}
	officeRep := reporting.Actor{UserID: admin.ID, Role: reporting.Office}

	type step struct {
		label, period string
		status        reporting.Status
		progress      int
		conf          reporting.Confidence
		done          string
		value         float64 // of the task's first target, when hasValue
		hasValue      bool
		decide        reporting.ActionKind // "" leaves it submitted
		comment       string
	}
	report := func(s step) error {
		t, ok := byLabel[s.label]
		if !ok {
			return nil
		}
		var lead int64
		for _, u := range t.Units {
			if u.Role == "lead" && u.UnitID != 0 {
				lead = u.UnitID
				break
			}
		}
		user, ok := reporter[lead]
		if !ok { // a lead unit without a demonstration account
			user = store.User{ID: 0, Username: "system", UnitID: lead}
		}
		c := &reporting.Content{Status: s.status, Progress: s.progress, Confidence: s.conf, Done: s.done,
			NextSteps: "按计划推进下一阶段工作。"}
		if s.hasValue && len(t.Targets) > 0 {
			c.Values = []reporting.Value{{Indicator: store.TargetKey(t.Targets[0], p.Region).String(), Value: s.value}}
		}
		rep := reporting.Actor{UserID: user.ID, Role: reporting.Reporter, UnitID: lead}
		actor := store.Actor{UserID: user.ID, Username: user.Username}
		r := reporting.New(t.ID, s.period, lead, lead)
		// Reports come in a week after their quarter, decisions two days
		// later: the season reads as it would have happened.
		// A unit writes a draft, then submits it, as the report form does.
		submitted := quarterEnd[s.period].AddDate(0, 0, 7)
		draft, err := reporting.Transition(r, reporting.Action{Kind: reporting.Save, BasedOn: r.Rev, Content: c, At: submitted.Add(-time.Hour)}, rep)
		if err != nil {
			return fmt.Errorf("demo report %s %s: %w", s.label, s.period, err)
		}
		saved, err := st.WriteReport(ctx, actor, store.ReportWrite{After: draft, Action: reporting.Save, PlanID: planID,
			AsOf: quarterEnd[s.period], Region: p.Region})
		if err != nil {
			return fmt.Errorf("demo report %s %s: %w", s.label, s.period, err)
		}
		sub, err := reporting.Transition(saved.Report, reporting.Action{Kind: reporting.Submit, BasedOn: saved.Rev, At: submitted}, rep)
		if err != nil {
			return fmt.Errorf("demo report %s %s: %w", s.label, s.period, err)
		}
		stored, err := st.WriteReport(ctx, actor, store.ReportWrite{Before: saved, After: sub, Action: reporting.Submit, PlanID: planID,
			AsOf: quarterEnd[s.period], Region: p.Region})
		if err != nil {
			return fmt.Errorf("demo report %s %s: %w", s.label, s.period, err)
		}
		if s.decide == "" {
			return nil
		}
		dec, err := reporting.Transition(stored.Report, reporting.Action{Kind: s.decide, BasedOn: stored.Rev, Comment: s.comment, At: submitted.AddDate(0, 0, 2)}, officeRep)
		if err != nil {
			return err
		}
		_, err = st.WriteReport(ctx, officeActor, store.ReportWrite{Before: stored, After: dec, Action: s.decide, PlanID: planID,
			AsOf: quarterEnd[s.period]})
		return err
	}
	const (
		ok  = reporting.OnTrack
		acc = reporting.Accept
	)
	steps := []step{
		// 1: 物流枢纽, reported every quarter, doubtful in Q3: yellow.
		{label: "1", period: "2026-Q1", status: ok, progress: 25, conf: reporting.Confident, done: "新认定省级物流园区1个。", value: 1, hasValue: true, decide: acc},
		{label: "1", period: "2026-Q2", status: ok, progress: 50, conf: reporting.Confident, done: "新认定省级物流园区2个。", value: 3, hasValue: true, decide: acc},
		{label: "1", period: "2026-Q3", status: ok, progress: 70, conf: reporting.AtRisk, done: "第三批园区评审推迟。", value: 3, hasValue: true, decide: acc},
		// 2: 冷链物流, done and closed with its final value: green.
		{label: "2", period: "2026-Q1", status: ok, progress: 60, conf: reporting.Confident, done: "实施方案已起草。", value: 42, hasValue: true, decide: acc},
		{label: "2", period: "2026-Q2", status: reporting.Done, progress: 100, conf: reporting.Confident, done: "实施方案已印发，冷链流通率达到46%。", value: 46, hasValue: true, decide: acc, comment: "同意办结。"},
		// 7: 夜间消费, values behind the trajectory, Q3 waiting for review: yellow.
		{label: "7", period: "2026-Q1", status: ok, progress: 20, conf: reporting.Confident, done: "新增集聚区2个。", value: 2, hasValue: true, decide: acc},
		{label: "7", period: "2026-Q2", status: ok, progress: 30, conf: reporting.Confident, done: "新增集聚区1个。", value: 3, hasValue: true, decide: acc},
		{label: "7", period: "2026-Q3", status: ok, progress: 40, conf: reporting.AtRisk, done: "新增集聚区1个，部分城市进度偏慢。", value: 4, hasValue: true},
		// 8: 老字号, reported late and past its deadline: red.
		{label: "8", period: "2026-Q1", status: ok, progress: 30, conf: reporting.Confident, done: "启动认定工作。", decide: acc},
		{label: "8", period: "2026-Q2", status: reporting.Late, progress: 40, conf: reporting.Unlikely, done: "认定标准仍在征求意见。", decide: acc},
		// 9: 县域商业, every quarter on track: green.
		{label: "9", period: "2026-Q1", status: ok, progress: 30, conf: reporting.Confident, done: "新建县级配送中心3个。", value: 82, hasValue: true, decide: acc},
		{label: "9", period: "2026-Q2", status: ok, progress: 55, conf: reporting.Confident, done: "新建乡镇商贸中心12个。", value: 86, hasValue: true, decide: acc},
		{label: "9", period: "2026-Q3", status: ok, progress: 80, conf: reporting.Confident, done: "覆盖率稳步提升。", value: 89, hasValue: true, decide: acc},
		// 6: 工业设计, Q3 returned for revision.
		{label: "6", period: "2026-Q1", status: ok, progress: 30, conf: reporting.Confident, done: "新增省级工业设计中心6个。", value: 6, hasValue: true, decide: acc},
		{label: "6", period: "2026-Q2", status: ok, progress: 55, conf: reporting.Confident, done: "新增省级工业设计中心5个。", value: 11, hasValue: true, decide: acc},
		{label: "6", period: "2026-Q3", status: ok, progress: 60, conf: reporting.Confident, done: "持续推进。", value: 13, hasValue: true, decide: reporting.Return, comment: "请补充第三季度新增中心名单。"},
	}
	for _, s := range steps {
		if err := report(s); err != nil {
			return err
		}
	}
	// The office's trajectory of 夜间消费集聚区: quarterly steps to 10.
	if t, ok := byLabel["7"]; ok && len(t.Targets) > 0 {
		series, err := st.PlanSeries(ctx, planID)
		if err != nil {
			return err
		}
		if sr, ok := series[t.Targets[0].ID]; ok {
			g := indicator.Goal{Indicator: indicator.Key{Name: sr.Name, Unit: sr.Unit, Region: sr.Region}, Comparator: indicator.AtLeast,
				Baseline: indicator.Point{Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)},
				Target:   indicator.Point{Date: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), Value: 10}}
			tr, err := indicator.NewTrajectory(g, indicator.Quarterly)
			if err != nil {
				return err
			}
			if _, err := st.SetTrajectory(ctx, officeActor, sr.ID, tr, 0); err != nil {
				return err
			}
		}
	}
	// A reminder to a unit that has not reported.
	if t, ok := byLabel["4"]; ok {
		for _, u := range t.Units {
			if u.Role == "lead" && u.UnitID != 0 {
				if _, err := st.Remind(ctx, officeActor, []store.Reminder{{PlanID: planID, TaskID: t.ID, UnitID: u.UnitID, Period: "2026-Q3",
					Message: "请于本周内报送第三季度进展。"}}); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}
