-- The overview pages through plans newest first.
CREATE INDEX plans_created ON plans (created_at, id);
