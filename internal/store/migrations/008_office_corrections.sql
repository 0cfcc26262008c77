-- The office's corrections of a plan. rev guards the plan's metadata
-- (title, 文号, date, region, year) against lost updates, as it guards
-- reports and calendars.
ALTER TABLE plans ADD COLUMN rev INTEGER NOT NULL DEFAULT 1;

-- The draft whose import or review created a unit: discarding the draft
-- removes the units it created that nothing else uses.
ALTER TABLE units ADD COLUMN created_by_plan BIGINT REFERENCES plans (id) ON DELETE SET NULL;
CREATE INDEX units_created_by_plan ON units (created_by_plan);

-- The office confirmed a collective name (各有关部门, 成员单位 …) as it
-- stands, instead of expanding it into its member units.
ALTER TABLE task_units ADD COLUMN as_is BOOLEAN NOT NULL DEFAULT FALSE;
