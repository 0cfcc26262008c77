-- A calendar's last day: periods that begin after it are never due.
-- '' is a calendar without an end.
ALTER TABLE calendars ADD COLUMN end_date TEXT NOT NULL DEFAULT '';

-- Calendars set before they had an end end with their plan's year, or
-- the later year its plan-level targets are for (a plan for 2023—2025).
UPDATE calendars SET end_date = (
	SELECT CAST(CASE WHEN COALESCE(MAX(g.year), 0) > p.year THEN MAX(g.year) ELSE p.year END AS TEXT) || '-12-31'
	FROM plans p LEFT JOIN targets g ON g.plan_id = p.id AND g.task_id IS NULL
	WHERE p.id = calendars.plan_id
	GROUP BY p.year)
WHERE plan_id IN (SELECT id FROM plans WHERE year > 0);
UPDATE calendars SET end_date = '' WHERE end_date < start_date;

-- A task's own reporting frequency ('monthly', 'quarterly'), overriding
-- its plan calendar's; '' follows the calendar.
ALTER TABLE tasks ADD COLUMN frequency TEXT NOT NULL DEFAULT ''
	CHECK (frequency IN ('', 'monthly', 'quarterly'));
