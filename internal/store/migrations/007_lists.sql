-- Paged lists and the office's inbox.

-- A notice of a report due is done once that report is submitted.
ALTER TABLE notifications ADD COLUMN done BOOLEAN NOT NULL DEFAULT FALSE;
-- The inbox pages newest first; due notices are found by task and period
-- when their report comes in.
CREATE INDEX notifications_page ON notifications (user_id, created_at, id);
CREATE INDEX notifications_task ON notifications (task_id, period, kind);

-- Received reports page newest first.
CREATE INDEX reports_received ON reports (submitted_at, id);

-- Units and reminders page by name and newest first.
CREATE INDEX units_name ON units (name, id);
CREATE INDEX reminders_plan ON reminders (plan_id, sent_at, id);

-- A report submitted as its first version was stored without its
-- submission's time and author; its row was written at that moment.
UPDATE reports SET submitted_at = created_at, submitted_by = created_by
	WHERE submitted_at IS NULL AND state <> 'draft';
