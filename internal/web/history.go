package web

import (
	"encoding/json"
	"strings"
)

// historyPart hands a page and its history to the "history" template.
type historyPart struct {
	Page  any
	ID    string // the list's element id
	Items []historyItem
}

// targetActions record a target, whose "unit" is its unit of measure.
var targetActions = map[string]bool{"update_target": true, "add_target": true, "delete_target": true}

// FieldName names a recorded field in the reader's language.
func (p *Page) FieldName(action, field string) string {
	if field == "unit" && targetActions[action] {
		field = "measure"
	}
	return p.T("field." + field)
}

// ActorName shows who made a change; the accounts the program itself
// acts as are named in the reader's language.
func (p *Page) ActorName(actor string) string {
	if actor == "system" {
		return p.T("audit.actor_system")
	}
	return actor
}

// valueKeys translate the recorded values of some fields.
var valueKeys = map[string]string{
	"status":     "status.",
	"role":       "role.unit.",
	"state":      "rstate.",
	"closing":    "closing.",
	"confidence": "confidence.",
	"frequency":  "calendar.",
	"kind":       "unit.kind.",
}

// FieldValue shows a recorded value: states, roles and kinds in words,
// yes and no for flags, lists as lists, numbers the reader's way.
func (p *Page) FieldValue(field, value string) string {
	if value == "" {
		if field == "frequency" {
			return p.T("calendar.follow") // a task's own frequency: none, the plan's
		}
		return "—"
	}
	if prefix, ok := valueKeys[field]; ok && value != "" {
		if key := prefix + value; p.cat.T(p.Lang, key) != key {
			return p.T(key)
		}
	}
	switch value {
	case "true":
		return p.T("form.yes")
	case "false":
		return p.T("form.no")
	}
	if field == "comparator" {
		return funcs["cmp"].(func(string) string)(value)
	}
	if strings.HasPrefix(value, "[") {
		var list []string
		if err := json.Unmarshal([]byte(value), &list); err == nil {
			return strings.Join(list, "、")
		}
	}
	return value
}
