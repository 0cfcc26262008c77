-- The integrity of what is reported.

-- A report that carries the last period's status forward: nothing new
-- happened this period (本期无新进展).
ALTER TABLE reports ADD COLUMN no_progress BOOLEAN NOT NULL DEFAULT FALSE;

-- Every submitted report has its submitter and time. A first draft
-- submitted at once was stored without them: its row was created by the
-- submission, so created_at is when it was submitted. Rows still waiting
-- for the office changed last when submitted; decided rows changed last
-- by the decision, so their creation is the nearer time.
UPDATE reports SET submitted_at = CASE WHEN state = 'submitted' THEN updated_at ELSE created_at END
	WHERE submitted_at IS NULL AND state IN ('submitted', 'accepted', 'returned');
UPDATE reports SET submitted_by = COALESCE(updated_by, created_by)
	WHERE submitted_by IS NULL AND state IN ('submitted', 'accepted', 'returned');

-- The official series holds accepted official reports' values only. A
-- value put there by a submission not (yet) accepted, by a returned
-- report or by a cooperating unit's contribution gives way to the lead
-- unit's accepted value of the same task and period, where there is one,
-- and is removed otherwise.
UPDATE series_values SET value = o.value, unit_id = o.unit_id, report_id = o.report_id
	FROM (SELECT b.id AS bad_id, s.id AS series_id, rv.value AS value, a.unit_id AS unit_id, a.id AS report_id
		FROM reports b
		JOIN reports a ON a.task_id = b.task_id AND a.period = b.period AND a.unit_id = a.lead_unit_id AND a.state = 'accepted'
		JOIN report_values rv ON rv.report_id = a.id
		JOIN series s ON s.key = rv.indicator
		WHERE b.state <> 'accepted' OR b.unit_id <> b.lead_unit_id) AS o
	WHERE series_values.report_id = o.bad_id AND series_values.series_id = o.series_id;
DELETE FROM series_values WHERE report_id IN (SELECT id FROM reports WHERE state <> 'accepted' OR unit_id <> lead_unit_id);

-- SQLite: times were written by the driver's default, Go's
-- time.String() ("2026-09-30 10:00:00.5 +0800 CST m=+0.01"), which
-- neither sorts nor parses in SQL. Each becomes SQLite's own form in
-- UTC ("2026-09-30 02:00:00.5+00:00"), the one written from now on.
-- The lines marked {{sqlite}} run on SQLite only: PostgreSQL's
-- timestamptz columns were right all along.
{{sqlite}} UPDATE units SET created_at = strftime('%Y-%m-%d %H:%M:%S', substr(created_at, 1, 19) || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 1, 3) || ':' || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 4, 2))
	|| substr(substr(created_at, 20), 1, instr(substr(created_at, 20), ' ') - 1) || '+00:00'
	WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE users SET created_at = strftime('%Y-%m-%d %H:%M:%S', substr(created_at, 1, 19) || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 1, 3) || ':' || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 4, 2))
	|| substr(substr(created_at, 20), 1, instr(substr(created_at, 20), ' ') - 1) || '+00:00'
	WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE sessions SET created_at = strftime('%Y-%m-%d %H:%M:%S', substr(created_at, 1, 19) || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 1, 3) || ':' || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 4, 2))
	|| substr(substr(created_at, 20), 1, instr(substr(created_at, 20), ' ') - 1) || '+00:00'
	WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE sessions SET expires_at = strftime('%Y-%m-%d %H:%M:%S', substr(expires_at, 1, 19) || substr(substr(expires_at, 20), instr(substr(expires_at, 20), ' ') + 1, 3) || ':' || substr(substr(expires_at, 20), instr(substr(expires_at, 20), ' ') + 4, 2))
	|| substr(substr(expires_at, 20), 1, instr(substr(expires_at, 20), ' ') - 1) || '+00:00'
	WHERE expires_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE plans SET created_at = strftime('%Y-%m-%d %H:%M:%S', substr(created_at, 1, 19) || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 1, 3) || ':' || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 4, 2))
	|| substr(substr(created_at, 20), 1, instr(substr(created_at, 20), ' ') - 1) || '+00:00'
	WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE plans SET updated_at = strftime('%Y-%m-%d %H:%M:%S', substr(updated_at, 1, 19) || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 1, 3) || ':' || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 4, 2))
	|| substr(substr(updated_at, 20), 1, instr(substr(updated_at, 20), ' ') - 1) || '+00:00'
	WHERE updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE plans SET published_at = strftime('%Y-%m-%d %H:%M:%S', substr(published_at, 1, 19) || substr(substr(published_at, 20), instr(substr(published_at, 20), ' ') + 1, 3) || ':' || substr(substr(published_at, 20), instr(substr(published_at, 20), ' ') + 4, 2))
	|| substr(substr(published_at, 20), 1, instr(substr(published_at, 20), ' ') - 1) || '+00:00'
	WHERE published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE tasks SET updated_at = strftime('%Y-%m-%d %H:%M:%S', substr(updated_at, 1, 19) || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 1, 3) || ':' || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 4, 2))
	|| substr(substr(updated_at, 20), 1, instr(substr(updated_at, 20), ' ') - 1) || '+00:00'
	WHERE updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE tasks SET closed_at = strftime('%Y-%m-%d %H:%M:%S', substr(closed_at, 1, 19) || substr(substr(closed_at, 20), instr(substr(closed_at, 20), ' ') + 1, 3) || ':' || substr(substr(closed_at, 20), instr(substr(closed_at, 20), ' ') + 4, 2))
	|| substr(substr(closed_at, 20), 1, instr(substr(closed_at, 20), ' ') - 1) || '+00:00'
	WHERE closed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE assignments SET created_at = strftime('%Y-%m-%d %H:%M:%S', substr(created_at, 1, 19) || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 1, 3) || ':' || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 4, 2))
	|| substr(substr(created_at, 20), 1, instr(substr(created_at, 20), ' ') - 1) || '+00:00'
	WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE audit_log SET at = strftime('%Y-%m-%d %H:%M:%S', substr(at, 1, 19) || substr(substr(at, 20), instr(substr(at, 20), ' ') + 1, 3) || ':' || substr(substr(at, 20), instr(substr(at, 20), ' ') + 4, 2))
	|| substr(substr(at, 20), 1, instr(substr(at, 20), ' ') - 1) || '+00:00'
	WHERE at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE calendars SET updated_at = strftime('%Y-%m-%d %H:%M:%S', substr(updated_at, 1, 19) || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 1, 3) || ':' || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 4, 2))
	|| substr(substr(updated_at, 20), 1, instr(substr(updated_at, 20), ' ') - 1) || '+00:00'
	WHERE updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE reports SET created_at = strftime('%Y-%m-%d %H:%M:%S', substr(created_at, 1, 19) || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 1, 3) || ':' || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 4, 2))
	|| substr(substr(created_at, 20), 1, instr(substr(created_at, 20), ' ') - 1) || '+00:00'
	WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE reports SET updated_at = strftime('%Y-%m-%d %H:%M:%S', substr(updated_at, 1, 19) || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 1, 3) || ':' || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 4, 2))
	|| substr(substr(updated_at, 20), 1, instr(substr(updated_at, 20), ' ') - 1) || '+00:00'
	WHERE updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE reports SET submitted_at = strftime('%Y-%m-%d %H:%M:%S', substr(submitted_at, 1, 19) || substr(substr(submitted_at, 20), instr(substr(submitted_at, 20), ' ') + 1, 3) || ':' || substr(substr(submitted_at, 20), instr(substr(submitted_at, 20), ' ') + 4, 2))
	|| substr(substr(submitted_at, 20), 1, instr(substr(submitted_at, 20), ' ') - 1) || '+00:00'
	WHERE submitted_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE reports SET decided_at = strftime('%Y-%m-%d %H:%M:%S', substr(decided_at, 1, 19) || substr(substr(decided_at, 20), instr(substr(decided_at, 20), ' ') + 1, 3) || ':' || substr(substr(decided_at, 20), instr(substr(decided_at, 20), ' ') + 4, 2))
	|| substr(substr(decided_at, 20), 1, instr(substr(decided_at, 20), ' ') - 1) || '+00:00'
	WHERE decided_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE series SET created_at = strftime('%Y-%m-%d %H:%M:%S', substr(created_at, 1, 19) || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 1, 3) || ':' || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 4, 2))
	|| substr(substr(created_at, 20), 1, instr(substr(created_at, 20), ' ') - 1) || '+00:00'
	WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE series_values SET entered_at = strftime('%Y-%m-%d %H:%M:%S', substr(entered_at, 1, 19) || substr(substr(entered_at, 20), instr(substr(entered_at, 20), ' ') + 1, 3) || ':' || substr(substr(entered_at, 20), instr(substr(entered_at, 20), ' ') + 4, 2))
	|| substr(substr(entered_at, 20), 1, instr(substr(entered_at, 20), ' ') - 1) || '+00:00'
	WHERE entered_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE trajectories SET updated_at = strftime('%Y-%m-%d %H:%M:%S', substr(updated_at, 1, 19) || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 1, 3) || ':' || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 4, 2))
	|| substr(substr(updated_at, 20), 1, instr(substr(updated_at, 20), ' ') - 1) || '+00:00'
	WHERE updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE reminders SET sent_at = strftime('%Y-%m-%d %H:%M:%S', substr(sent_at, 1, 19) || substr(substr(sent_at, 20), instr(substr(sent_at, 20), ' ') + 1, 3) || ':' || substr(substr(sent_at, 20), instr(substr(sent_at, 20), ' ') + 4, 2))
	|| substr(substr(sent_at, 20), 1, instr(substr(sent_at, 20), ' ') - 1) || '+00:00'
	WHERE sent_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE notifications SET created_at = strftime('%Y-%m-%d %H:%M:%S', substr(created_at, 1, 19) || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 1, 3) || ':' || substr(substr(created_at, 20), instr(substr(created_at, 20), ' ') + 4, 2))
	|| substr(substr(created_at, 20), 1, instr(substr(created_at, 20), ' ') - 1) || '+00:00'
	WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE thresholds SET updated_at = strftime('%Y-%m-%d %H:%M:%S', substr(updated_at, 1, 19) || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 1, 3) || ':' || substr(substr(updated_at, 20), instr(substr(updated_at, 20), ' ') + 4, 2))
	|| substr(substr(updated_at, 20), 1, instr(substr(updated_at, 20), ' ') - 1) || '+00:00'
	WHERE updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
{{sqlite}} UPDATE schema_migrations SET applied_at = strftime('%Y-%m-%d %H:%M:%S', substr(applied_at, 1, 19) || substr(substr(applied_at, 20), instr(substr(applied_at, 20), ' ') + 1, 3) || ':' || substr(substr(applied_at, 20), instr(substr(applied_at, 20), ' ') + 4, 2))
	|| substr(substr(applied_at, 20), 1, instr(substr(applied_at, 20), ' ') - 1) || '+00:00'
	WHERE applied_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]* [+-][0-9][0-9][0-9][0-9] *';
