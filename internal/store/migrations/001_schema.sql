-- The tracking schema. Tokens in braces are the only dialect differences:
-- {{id}} is the autoincrement primary key, {{time}} a timestamp column.

CREATE TABLE units (
	id          {{id}},
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL DEFAULT '',
	region      TEXT NOT NULL DEFAULT '',
	registry_id TEXT,
	created_at  {{time}} NOT NULL,
	UNIQUE (name, region)
);
CREATE UNIQUE INDEX units_registry ON units (registry_id);

CREATE TABLE users (
	id            {{id}},
	username      TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL CHECK (role IN ('office', 'reporter', 'viewer')),
	unit_id       BIGINT REFERENCES units (id),
	password_hash TEXT NOT NULL,
	locale        TEXT NOT NULL DEFAULT 'zh-CN',
	created_at    {{time}} NOT NULL,
	CHECK (role <> 'reporter' OR unit_id IS NOT NULL)
);
CREATE INDEX users_unit ON users (unit_id);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	created_at {{time}} NOT NULL,
	expires_at {{time}} NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE plans (
	id            {{id}},
	title         TEXT NOT NULL,
	doc_number    TEXT NOT NULL DEFAULT '',
	issuer        TEXT NOT NULL DEFAULT '',
	doc_date      TEXT NOT NULL DEFAULT '',
	region        TEXT NOT NULL DEFAULT '',
	year          INTEGER NOT NULL DEFAULT 0,
	file_name     TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL,
	content_hash  TEXT NOT NULL UNIQUE,
	warnings      TEXT NOT NULL DEFAULT '[]',
	status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
	public        BOOLEAN NOT NULL DEFAULT FALSE,
	created_by    BIGINT REFERENCES users (id),
	created_at    {{time}} NOT NULL,
	updated_at    {{time}} NOT NULL,
	published_at  {{time}}
);
CREATE INDEX plans_status ON plans (status, created_at);

CREATE TABLE headings (
	id         {{id}},
	plan_id    BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	label      TEXT NOT NULL DEFAULT '',
	level      INTEGER NOT NULL,
	title      TEXT NOT NULL DEFAULT '',
	path       TEXT NOT NULL DEFAULT '',
	task_force TEXT NOT NULL DEFAULT '',
	span_start INTEGER NOT NULL DEFAULT 0,
	span_end   INTEGER NOT NULL DEFAULT 0,
	UNIQUE (plan_id, ord)
);

CREATE TABLE tasks (
	id         {{id}},
	plan_id    BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	section    TEXT NOT NULL DEFAULT '',
	path       TEXT NOT NULL DEFAULT '',
	label      TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	task_force TEXT NOT NULL DEFAULT '',
	deadline   TEXT NOT NULL DEFAULT '',
	span_start INTEGER NOT NULL DEFAULT 0,
	span_end   INTEGER NOT NULL DEFAULT 0,
	status     TEXT NOT NULL DEFAULT 'not_started'
		CHECK (status IN ('not_started', 'on_track', 'late', 'done')),
	version    INTEGER NOT NULL DEFAULT 1,
	updated_at {{time}} NOT NULL,
	UNIQUE (plan_id, ord)
);
CREATE INDEX tasks_plan_status ON tasks (plan_id, status);
CREATE INDEX tasks_plan_section ON tasks (plan_id, section, ord);
CREATE INDEX tasks_plan_force ON tasks (plan_id, task_force, ord);

CREATE TABLE task_units (
	id         {{id}},
	task_id    BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
	unit_id    BIGINT REFERENCES units (id),
	match      TEXT NOT NULL DEFAULT '',
	span_start INTEGER NOT NULL DEFAULT 0,
	span_end   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX task_units_task ON task_units (task_id, ord);
CREATE INDEX task_units_unit ON task_units (unit_id);
CREATE INDEX task_units_name ON task_units (name);

CREATE TABLE targets (
	id         {{id}},
	plan_id    BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	task_id    BIGINT REFERENCES tasks (id) ON DELETE CASCADE,
	ord        INTEGER NOT NULL,
	text       TEXT NOT NULL DEFAULT '',
	indicator  TEXT NOT NULL DEFAULT '',
	value      DOUBLE PRECISION NOT NULL DEFAULT 0,
	value_max  DOUBLE PRECISION,
	unit       TEXT NOT NULL DEFAULT '',
	comparator TEXT NOT NULL DEFAULT '=',
	year       INTEGER NOT NULL DEFAULT 0,
	span_start INTEGER NOT NULL DEFAULT 0,
	span_end   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX targets_plan ON targets (plan_id, ord);
CREATE INDEX targets_task ON targets (task_id, ord);

CREATE TABLE assignments (
	id         {{id}},
	plan_id    BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
	task_id    BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	unit_id    BIGINT NOT NULL REFERENCES units (id),
	role       TEXT NOT NULL CHECK (role IN ('lead', 'cooperating')),
	created_at {{time}} NOT NULL,
	UNIQUE (task_id, unit_id, role)
);
CREATE INDEX assignments_unit ON assignments (unit_id, plan_id, task_id);
CREATE INDEX assignments_plan ON assignments (plan_id, unit_id);

CREATE TABLE audit_log (
	id        {{id}},
	at        {{time}} NOT NULL,
	user_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
	actor     TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL,
	entity    TEXT NOT NULL,
	entity_id BIGINT NOT NULL DEFAULT 0,
	plan_id   BIGINT,
	before    TEXT,
	after     TEXT
);
CREATE INDEX audit_entity ON audit_log (entity, entity_id, at);
CREATE INDEX audit_plan ON audit_log (plan_id, at);
