package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"luoshi/internal/store"
	"luoshi/internal/store/storetest"
)

// TestIndicatorBaselineAndFlags: a rate without a baseline asks the
// office for one on its page; implausible values are kept and flagged on
// the indicator page and where the office reviews the report.
func TestIndicatorBaselineAndFlags(t *testing.T) {
	for _, e := range storetest.Engines(t) {
		t.Run(e.Name, func(t *testing.T) { testIndicatorBaselineAndFlags(t, e.Open) })
	}
}

func testIndicatorBaselineAndFlags(t *testing.T, open func(testing.TB) *store.Store) {
	cs := newClockedServer(t, open, shanghai(2026, 11, 25, 9))
	ctx := context.Background()
	plan := oldPlan(t, cs)
	o, err := cs.st.PlanOutline(ctx, plan, store.TaskFilter{})
	if err != nil {
		t.Fatal(err)
	}
	cold := o.Tasks[1] // 冷链流通率达到40%以上, 省商务厅
	series, err := cs.st.PlanSeries(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	sid := series[cold.Targets[0].ID].ID
	ipath := fmt.Sprintf("/indicators/%d", sid)

	office := login(t, cs.URL, "admin", adminPassword)
	_, body := office.do("GET", ipath, nil, "")
	if !strings.Contains(body, `id="baseline-missing"`) || !strings.Contains(body, `id="baseline-form"`) {
		t.Fatal("the rate's page does not ask for its baseline")
	}
	viewer := login(t, cs.URL, "leader", demoPassword)
	if _, body := viewer.do("GET", ipath, nil, ""); !strings.Contains(body, `id="baseline-missing"`) || strings.Contains(body, `id="baseline-form"`) {
		t.Error("a viewer is not told the baseline is missing, or is offered the form")
	}
	api := apiLogin(t, cs.URL, "admin", adminPassword)
	var ind struct {
		BaselineMissing bool     `json:"baseline_missing"`
		Expected        *float64 `json:"expected"`
		Values          []struct {
			AsOf  string   `json:"as_of"`
			Flags []string `json:"flags"`
		} `json:"values"`
	}
	apiCall(t, api, "GET", "/api/v1/indicators/"+fmt.Sprint(sid), "", http.StatusOK, &ind)
	if !ind.BaselineMissing {
		t.Error("API: baseline_missing is false")
	}

	// A value of 0.4 (a fraction typed for 40%) is kept, and flagged.
	resp, _ := office.do("POST", ipath+"/values", url.Values{"csrf": {office.csrf}, "as_of": {"2026-06-30"}, "value": {"0.4"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding a value: %d", resp.StatusCode)
	}
	_, body = office.do("GET", ipath, nil, "")
	if !strings.Contains(body, "value-flag") || !strings.Contains(body, "五十分之一") {
		t.Error("the indicator page does not flag 0.4 against 40%")
	}
	apiCall(t, api, "GET", "/api/v1/indicators/"+fmt.Sprint(sid), "", http.StatusOK, &ind)
	if len(ind.Values) != 1 || strings.Join(ind.Values[0].Flags, ",") != "far_below_target" || ind.Expected != nil {
		t.Errorf("API values = %+v, expected %v", ind.Values, ind.Expected)
	}

	// The office sets the baseline through the page's form.
	resp, _ = office.do("POST", ipath+"/trajectory", url.Values{"csrf": {office.csrf}, "rev": {"0"}, "comparator": {">="},
		"target_date": {"2022-12-31"}, "target_value": {"40"}, "generate": {"quarter"},
		"baseline_date": {"2021-12-31"}, "baseline_value": {"32"}}, "")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("setting the baseline: %d", resp.StatusCode)
	}
	_, body = office.do("GET", ipath, nil, "")
	if strings.Contains(body, `id="baseline-missing"`) {
		t.Error("baseline still missing after the office set it")
	}
	apiCall(t, api, "GET", "/api/v1/indicators/"+fmt.Sprint(sid), "", http.StatusOK, &ind)
	if ind.BaselineMissing {
		t.Error("API: baseline still missing")
	}

	// A report with 120% for the rate: kept, flagged for the office only.
	apiCall(t, api, "PUT", fmt.Sprintf("/api/v1/plans/%d/calendar", plan), `{"frequency":"quarterly","due_after":10}`, http.StatusOK, nil)
	swt := apiLogin(t, cs.URL, "swt", demoPassword)
	rpath := fmt.Sprintf("/api/v1/tasks/%d/report", cold.ID)
	var form struct {
		Period struct {
			Key string `json:"key"`
		} `json:"period"`
		Targets []struct {
			Key string `json:"key"`
		} `json:"targets"`
	}
	apiCall(t, swt, "GET", rpath, "", http.StatusOK, &form)
	if len(form.Targets) == 0 {
		t.Fatal("no target on the report form")
	}
	submit := fmt.Sprintf(`{"period":%q,"rev":1,"content":{"status":"on_track","progress":40,"confidence":"on_track","done":"冷链项目推进","values":[{"indicator":%q,"value":120}]}}`,
		form.Period.Key, form.Targets[0].Key)
	status, b := send(t, swt, "POST", rpath+"/submit", submit)
	if status != http.StatusOK {
		t.Fatalf("submit: %d %s", status, b)
	}
	var sub struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(b), &sub); err != nil {
		t.Fatal(err)
	}
	_, body = office.do("GET", fmt.Sprintf("/reports/%d", sub.ID), nil, "")
	if !strings.Contains(body, "value-flag") || !strings.Contains(body, "比率超过100%") {
		t.Error("the office's review of the report does not flag 120%")
	}
	page := login(t, cs.URL, "swt", demoPassword)
	if _, body := page.do("GET", fmt.Sprintf("/reports/%d", sub.ID), nil, ""); strings.Contains(body, "value-flag") {
		t.Error("the reporter is shown the office's flags")
	}
}
