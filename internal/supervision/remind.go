package supervision

import (
	"context"
	"strings"
	"unicode/utf8"

	"luoshi/internal/reporting"
	"luoshi/internal/store"
)

// ReminderItem is one unit asked for its report on a task for a period.
type ReminderItem struct {
	TaskID int64
	UnitID int64
	Period string
}

// Reminders is one 催办 action: the items it asks for, exactly these,
// and one message for all.
type Reminders struct {
	Items   []ReminderItem
	Message string
}

// Remind sends the office's reminders, one for each distinct item and
// no other, of tasks of published plans only, records them with their sender, puts them in the units'
// inboxes and e-mails them where it can. The caller tells how many went
// by the length of what it returns.
func (s *Service) Remind(ctx context.Context, a Actor, r Reminders) ([]store.Reminder, error) {
	if a.Role != reporting.Office {
		return nil, reporting.ErrForbidden
	}
	msg := strings.TrimSpace(r.Message)
	if utf8.RuneCountInString(msg) > MaxReminderRunes {
		return nil, ErrReminderLong
	}
	seen := map[ReminderItem]bool{}
	published := map[int64]bool{}
	var items []store.Reminder
	for _, it := range r.Items {
		if seen[it] {
			continue
		}
		seen[it] = true
		t, err := s.st.TaskByID(ctx, it.TaskID)
		if err != nil {
			return nil, err
		}
		pub, known := published[t.PlanID]
		if !known {
			p, err := s.st.PlanByID(ctx, t.PlanID)
			if err != nil {
				return nil, err
			}
			pub = p.Status == store.PlanPublished
			published[t.PlanID] = pub
		}
		if !pub {
			return nil, ErrUnpublished
		}
		assigned := false
		for _, u := range t.Units {
			assigned = assigned || (u.UnitID != 0 && u.UnitID == it.UnitID)
		}
		if !assigned {
			return nil, ErrNotAssigned
		}
		items = append(items, store.Reminder{PlanID: t.PlanID, TaskID: it.TaskID, UnitID: it.UnitID, Period: it.Period, Message: msg})
	}
	if len(items) == 0 {
		return nil, ErrNoReminders
	}
	sent, err := s.st.Remind(ctx, a.store(), items)
	if err != nil {
		return nil, err
	}
	if s.mail != nil {
		for i, m := range sent {
			sent[i].Emailed = s.mail(ctx, m)
		}
	}
	return sent, nil
}

// MaxBulkReminders bounds the reminders of one "all matching" action.
const MaxBulkReminders = 10000

// RemindMatching reminds every missing report that matches f, whatever
// page of the list the office looks at, as Remind does.
func (s *Service) RemindMatching(ctx context.Context, a Actor, f store.MissingFilter, message string) ([]store.Reminder, error) {
	if a.Role != reporting.Office {
		return nil, reporting.ErrForbidden
	}
	f.Limit, f.After = 0, ""
	all, err := s.st.MissingAll(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(all) > MaxBulkReminders {
		return nil, ErrTooManyReminders
	}
	items := make([]ReminderItem, len(all))
	for i, m := range all {
		items[i] = ReminderItem{TaskID: m.TaskID, UnitID: m.UnitID, Period: m.Period}
	}
	return s.Remind(ctx, a, Reminders{Items: items, Message: message})
}
