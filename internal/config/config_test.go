package config

import (
	"io"
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	env := map[string]string{"LUOSHI_DB": "env.db", "LUOSHI_ADDR": ":9000", "LUOSHI_ADMIN_PASSWORD": "pw", "LUOSHI_SESSION_TTL": "1h"}
	c, err := Load("serve", []string{"--addr", ":7000"}, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":7000" || c.DB != "env.db" || c.AdminPassword != "pw" || c.SessionTTL != time.Hour || !c.Demo {
		t.Errorf("config = %+v", c)
	}
	if _, err := Load("serve", nil, func(k string) string {
		return map[string]string{"LUOSHI_DEMO": "maybe"}[k]
	}, io.Discard); err == nil {
		t.Error("a bad boolean was accepted")
	}
	if c.DueInterval != time.Hour {
		t.Errorf("default due interval %s, want an hour", c.DueInterval)
	}
	if c, err := Load("serve", []string{"--due-interval", "0"}, func(k string) string { return map[string]string{"LUOSHI_DUE_INTERVAL": "10m"}[k] }, io.Discard); err != nil || c.DueInterval != 0 {
		t.Errorf("--due-interval 0 over the environment: %s, %v", c.DueInterval, err)
	}
	if _, err := Load("serve", []string{"--due-interval", "5s"}, func(string) string { return "" }, io.Discard); err == nil {
		t.Error("a due interval under a minute was accepted")
	}
	if _, err := Load("serve", []string{"--log-level", "loud"}, func(string) string { return "" }, io.Discard); err == nil {
		t.Error("a bad log level was accepted")
	}
}
