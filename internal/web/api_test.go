package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"luoshi/internal/config"
	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// apiCall sends JSON with the client's CSRF token and decodes the answer.
func apiCall(t *testing.T, c *client, method, path, body string, status int, out any) {
	t.Helper()
	resp, got := c.do(method, path, nil, body, "X-CSRF-Token", c.csrf)
	if resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, status, got)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(got), out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, got)
		}
	}
}

// apiLogin signs in through the API and keeps the CSRF token it returns.
func apiLogin(t *testing.T, base, user, password string) *client {
	c := newClient(t, base)
	var s struct {
		CSRF string `json:"csrf_token"`
	}
	apiCall(t, c, "POST", "/api/v1/session", fmt.Sprintf(`{"username":%q,"password":%q}`, user, password), http.StatusOK, &s)
	c.csrf = s.CSRF
	return c
}

// TestAPIImportMapPublish runs the office's path through the JSON API.
func TestAPIImportMapPublish(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testAPIImportMapPublish(t, e.Open) })
	}
}

func testAPIImportMapPublish(t *testing.T, open func(testing.TB) *store.Store) {
	ts, f := setupOn(t, open, config.Config{})
	office := apiLogin(t, ts.URL, "admin", adminPassword)
	reporter := apiLogin(t, ts.URL, "swt", demoPassword)

	text := "北岭省2026年服务业工作要点\n一、重点任务\n1.建设物流枢纽。年内新增物流园区3个。（牵头单位：北岭省物流办；配合单位：省商务厅）\n2.发展夜间经济。（省商务厅负责）\n"
	body, _ := json.Marshal(map[string]string{"file_name": "beiling.txt", "text": text})
	var created struct {
		Plan struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		} `json:"plan"`
		Tasks []struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
			Units   []struct {
				Name   string `json:"name"`
				UnitID int64  `json:"unit_id"`
			} `json:"units"`
		} `json:"tasks"`
	}
	apiCall(t, office, "POST", "/api/v1/plans", string(body), http.StatusCreated, &created)
	if created.Plan.Status != "draft" || len(created.Tasks) != 2 {
		t.Fatalf("imported plan = %+v", created)
	}
	id := created.Plan.ID

	// The reporter cannot see the draft, even where its unit is named.
	apiCall(t, reporter, "GET", fmt.Sprintf("/api/v1/plans/%d", id), "", http.StatusNotFound, nil)

	// Map the unknown name to 省商务厅's unit, then publish.
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/mappings", id),
		fmt.Sprintf(`{"name":"北岭省物流办","unit_id":%d}`, f.ownUnit), http.StatusOK, nil)
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/mappings", id),
		`{"name":"北岭省物流办","unit_id":999999}`, http.StatusBadRequest, nil)
	var pub struct {
		Assignments int `json:"assignments"`
	}
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/publish", id), `{}`, http.StatusBadRequest, nil)
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/publish", id), `{"confirm":true}`, http.StatusOK, &pub)
	if pub.Assignments < 2 {
		t.Errorf("publish made %d assignments", pub.Assignments)
	}
	apiCall(t, office, "POST", fmt.Sprintf("/api/v1/plans/%d/publish", id), `{"confirm":true}`, http.StatusConflict, nil)

	var mine struct {
		Tasks []struct {
			ID   int64  `json:"id"`
			Role string `json:"role"`
		} `json:"tasks"`
	}
	apiCall(t, reporter, "GET", fmt.Sprintf("/api/v1/units/%d/tasks", f.ownUnit), "", http.StatusOK, &mine)
	found := false
	for _, task := range mine.Tasks {
		found = found || task.ID == created.Tasks[0].ID && task.Role == "lead"
	}
	if !found {
		t.Errorf("the reporter does not lead task %d: %+v", created.Tasks[0].ID, mine.Tasks)
	}

	// Edits are versioned and validated.
	task := created.Tasks[0]
	path := fmt.Sprintf("/api/v1/tasks/%d", task.ID)
	apiCall(t, office, "PATCH", path, fmt.Sprintf(`{"version":%d,"deadline":"2026-13-40"}`, task.Version), http.StatusBadRequest, nil)
	apiCall(t, office, "PATCH", path, fmt.Sprintf(`{"version":%d,"deadline":"2026-06-30","status":"on_track"}`, task.Version), http.StatusOK, nil)
	apiCall(t, office, "PATCH", path, fmt.Sprintf(`{"version":%d,"status":"done"}`, task.Version), http.StatusConflict, nil)
	apiCall(t, office, "PATCH", path, `{"version":1,"colour":"red"}`, http.StatusBadRequest, nil)
	var got struct {
		Task struct {
			Deadline string `json:"deadline"`
			Status   string `json:"status"`
		} `json:"task"`
		History []struct {
			Action string `json:"action"`
		} `json:"history"`
	}
	apiCall(t, reporter, "GET", path, "", http.StatusOK, &got)
	if got.Task.Deadline != "2026-06-30" || got.Task.Status != "on_track" || len(got.History) == 0 {
		t.Errorf("task after edit = %+v", got)
	}

	// Viewers and reporters change nothing; the public sees no draft.
	viewer := apiLogin(t, ts.URL, "leader", demoPassword)
	apiCall(t, viewer, "PUT", fmt.Sprintf("/api/v1/plans/%d/public", id), `{"public":true}`, http.StatusForbidden, nil)
	apiCall(t, reporter, "DELETE", fmt.Sprintf("/api/v1/plans/%d", f.draftPlan), "", http.StatusForbidden, nil)
	apiCall(t, office, "DELETE", fmt.Sprintf("/api/v1/plans/%d?confirm=true", id), "", http.StatusConflict, nil)
	apiCall(t, office, "DELETE", fmt.Sprintf("/api/v1/plans/%d", f.draftPlan), "", http.StatusBadRequest, nil)
	apiCall(t, office, "DELETE", fmt.Sprintf("/api/v1/plans/%d?confirm=true", f.draftPlan), "", http.StatusOK, nil)
	apiCall(t, office, "DELETE", "/api/v1/session", "", http.StatusNoContent, nil)
	resp, _ := office.do("GET", "/api/v1/me", nil, "")
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("after signing out /me gave %d", resp.StatusCode)
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("API error content type %q", resp.Header.Get("Content-Type"))
	}
}
