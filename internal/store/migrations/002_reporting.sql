-- Progress reporting, supervision and indicator monitoring.

-- A plan's reporting calendar. Dates are civil dates (YYYY-MM-DD) in
-- China's time zone; dates holds the period ends of a 'dates' calendar,
-- comma-separated.
CREATE TABLE calendars (
	plan_id    BIGINT PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
	frequency  TEXT NOT NULL CHECK (frequency IN ('monthly', 'quarterly', 'dates')),
	due_day    INTEGER NOT NULL DEFAULT 0,
	due_after  INTEGER NOT NULL DEFAULT 0,
	dates      TEXT NOT NULL DEFAULT '',
	start_date TEXT NOT NULL,
	rev        INTEGER NOT NULL DEFAULT 1,
	updated_at {{time}} NOT NULL
);

-- The office confirmed the task's closing (办结).
ALTER TABLE tasks ADD COLUMN closed_at {{time}};

-- Where notifications are e-mailed, when SMTP is configured.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- One version of one unit's report on one task for one period. A
-- revision is a new row; a submitted row changes only by the office's
-- decision. rev guards every change against lost updates.
CREATE TABLE reports (
	id           {{id}},
	plan_id      BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	task_id      BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	unit_id      BIGINT NOT NULL REFERENCES units (id),
	lead_unit_id BIGINT NOT NULL DEFAULT 0,
	period       TEXT NOT NULL,
	version      INTEGER NOT NULL,
	rev          INTEGER NOT NULL,
	state        TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'returned', 'accepted')),
	closing      TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL DEFAULT '',
	progress     INTEGER NOT NULL DEFAULT 0,
	confidence   TEXT NOT NULL DEFAULT '',
	done         TEXT NOT NULL DEFAULT '',
	problems     TEXT NOT NULL DEFAULT '',
	next_steps   TEXT NOT NULL DEFAULT '',
	created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
	created_at   {{time}} NOT NULL,
	updated_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
	updated_at   {{time}} NOT NULL,
	submitted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
	submitted_at {{time}},
	decided_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
	decided_at   {{time}},
	comment      TEXT NOT NULL DEFAULT '',
	UNIQUE (task_id, unit_id, period, version)
);
-- A unit's reports and due list; the office's missing-reports query
-- goes through the unique index (task, unit, period).
CREATE INDEX reports_unit ON reports (unit_id, period, state);
CREATE INDEX reports_plan_period ON reports (plan_id, period, state);
CREATE INDEX reports_queue ON reports (state, submitted_at);

-- The indicator values a report carries; indicator is an indicator.Key.
CREATE TABLE report_values (
	report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	indicator TEXT NOT NULL,
	value     DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (report_id, ord)
);

-- Evidence files: the bytes live under the data directory by their
-- random stored name; the uploader's name is for display only.
CREATE TABLE evidence (
	report_id    BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
	ord          INTEGER NOT NULL,
	stored_name  TEXT NOT NULL,
	display_name TEXT NOT NULL,
	media_type   TEXT NOT NULL,
	size         BIGINT NOT NULL,
	PRIMARY KEY (report_id, ord)
);
CREATE INDEX evidence_stored ON evidence (stored_name);

-- An indicator series: one per indicator.Key, however many targets name it.
CREATE TABLE series (
	id         {{id}},
	key        TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	unit       TEXT NOT NULL DEFAULT '',
	region     TEXT NOT NULL DEFAULT '',
	created_at {{time}} NOT NULL
);

CREATE TABLE target_series (
	target_id BIGINT PRIMARY KEY REFERENCES targets (id) ON DELETE CASCADE,
	series_id BIGINT NOT NULL REFERENCES series (id) ON DELETE CASCADE
);
CREATE INDEX target_series_series ON target_series (series_id);

-- Reported values, one per series and date: reported once, shared by all.
CREATE TABLE series_values (
	series_id  BIGINT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
	as_of      TEXT NOT NULL,
	value      DOUBLE PRECISION NOT NULL,
	unit_id    BIGINT REFERENCES units (id) ON DELETE SET NULL,
	report_id  BIGINT REFERENCES reports (id) ON DELETE SET NULL,
	entered_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
	entered_at {{time}} NOT NULL,
	PRIMARY KEY (series_id, as_of)
);

-- The office's trajectory of a series: goal and milestones as JSON.
CREATE TABLE trajectories (
	series_id  BIGINT PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
	body       TEXT NOT NULL,
	rev        INTEGER NOT NULL DEFAULT 1,
	updated_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
	updated_at {{time}} NOT NULL
);

-- Reminders (催办), each with its sender and time.
CREATE TABLE reminders (
	id       {{id}},
	plan_id  BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	task_id  BIGINT REFERENCES tasks (id) ON DELETE CASCADE,
	unit_id  BIGINT NOT NULL REFERENCES units (id),
	period   TEXT NOT NULL DEFAULT '',
	message  TEXT NOT NULL DEFAULT '',
	sent_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
	sender   TEXT NOT NULL DEFAULT '',
	sent_at  {{time}} NOT NULL,
	emailed  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reminders_unit ON reminders (unit_id, sent_at);
CREATE INDEX reminders_task ON reminders (task_id, sent_at);

-- Every user's inbox. dedupe keeps generated notices (a report due) single.
CREATE TABLE notifications (
	id         {{id}},
	user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	task_id    BIGINT REFERENCES tasks (id) ON DELETE CASCADE,
	report_id  BIGINT REFERENCES reports (id) ON DELETE CASCADE,
	period     TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL DEFAULT '',
	dedupe     TEXT,
	is_read    BOOLEAN NOT NULL DEFAULT FALSE,
	created_at {{time}} NOT NULL,
	UNIQUE (user_id, dedupe)
);
CREATE INDEX notifications_inbox ON notifications (user_id, is_read, created_at);

-- The light rules' thresholds of an office (scope '' is the installation's).
CREATE TABLE thresholds (
	scope      TEXT PRIMARY KEY,
	body       TEXT NOT NULL,
	rev        INTEGER NOT NULL DEFAULT 1,
	updated_at {{time}} NOT NULL
);
