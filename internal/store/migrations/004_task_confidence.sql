-- How sure the extractor was of a task's units: 'low' tasks are the ones
-- the office checks first when it reviews an imported plan.
ALTER TABLE tasks ADD COLUMN confidence TEXT NOT NULL DEFAULT 'high';
