package store

import (
	"context"
	"fmt"
	"strings"
)

// CreateUnit adds a unit by hand. The same name in the same region is
// ErrConflict.
func (s *Store) CreateUnit(ctx context.Context, a Actor, u Unit) (int64, error) {
	u.Name = strings.TrimSpace(u.Name)
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.createUnit(ctx, u)
		if err != nil {
			return err
		}
		return tx.audit(ctx, a, "create", "unit", id, 0, nil, u)
	})
	if err != nil {
		return 0, fmt.Errorf("store: create unit %q: %w", u.Name, err)
	}
	return id, nil
}

func (t *Tx) createUnit(ctx context.Context, u Unit) (int64, error) {
	var regID any
	if u.RegistryID != "" {
		regID = u.RegistryID
	}
	return t.insert(ctx, `INSERT INTO units (name, kind, region, registry_id, created_at, created_by_plan) VALUES (?, ?, ?, ?, ?, ?)`,
		u.Name, u.Kind, u.Region, regID, t.now, nullID(u.FromPlan))
}

// UpsertRegistryUnit inserts or refreshes a unit known to the unit
// registry, keyed by its registry id, and returns the store's id.
func (s *Store) UpsertRegistryUnit(ctx context.Context, u Unit) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		id, err = tx.upsertRegistryUnit(ctx, u)
		return err
	})
	return id, err
}

func (t *Tx) upsertRegistryUnit(ctx context.Context, u Unit) (int64, error) {
	if u.RegistryID == "" {
		return 0, fmt.Errorf("store: registry unit %q without id", u.Name)
	}
	var id int64
	err := t.queryRow(ctx, `INSERT INTO units (name, kind, region, registry_id, created_at, created_by_plan) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (registry_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, region = excluded.region
		RETURNING id`, u.Name, u.Kind, u.Region, u.RegistryID, t.now, nullID(u.FromPlan)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: upsert unit %q: %w", u.Name, mapErr(err))
	}
	return id, nil
}

const unitColumns = `id, name, kind, region, COALESCE(registry_id, '')`

func scanUnit(sc interface{ Scan(...any) error }) (Unit, error) {
	var u Unit
	err := sc.Scan(&u.ID, &u.Name, &u.Kind, &u.Region, &u.RegistryID)
	return u, mapErr(err)
}

// UnitByID finds a unit.
func (s *Store) UnitByID(ctx context.Context, id int64) (Unit, error) {
	u, err := scanUnit(s.queryRow(ctx, `SELECT `+unitColumns+` FROM units WHERE id = ?`, id))
	if err != nil {
		return u, fmt.Errorf("store: unit %d: %w", id, err)
	}
	return u, nil
}

// UnitByName finds a unit by its exact name, preferring the given region.
func (s *Store) UnitByName(ctx context.Context, name, region string) (Unit, error) {
	u, err := scanUnit(s.queryRow(ctx, `SELECT `+unitColumns+` FROM units WHERE name = ?
		ORDER BY CASE WHEN region = ? THEN 0 ELSE 1 END, id LIMIT 1`, name, region))
	if err != nil {
		return u, fmt.Errorf("store: unit %q: %w", name, err)
	}
	return u, nil
}

// Units lists all units by name.
func (s *Store) Units(ctx context.Context) ([]Unit, error) {
	rows, err := s.query(ctx, `SELECT `+unitColumns+` FROM units ORDER BY region, name`)
	if err != nil {
		return nil, fmt.Errorf("store: units: %w", err)
	}
	defer rows.Close()
	var out []Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("store: units: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
