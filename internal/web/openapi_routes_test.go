package web

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestOpenAPIDocumentsEveryRoute reads the route table itself, so that
// a route added without its description fails here.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	for _, rt := range (&Server{}).apiRoutes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		if !strings.HasPrefix(path, "/api/v1/") {
			continue
		}
		op, ok := doc.Paths[strings.TrimPrefix(path, "/api/v1")][strings.ToLower(method)]
		if !ok {
			t.Errorf("%s is not in the OpenAPI document", rt.pattern)
			continue
		}
		if _, ok := op["responses"]; !ok {
			t.Errorf("%s documents no responses", rt.pattern)
		}
	}
}
