// Package config reads Luoshi's settings from command-line flags and
// LUOSHI_* environment variables into one typed struct.
package config

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Config is everything the server needs to start.
type Config struct {
	Addr string // listen address, e.g. ":8080"
	DB   string // SQLite file path or postgres:// URL

	// AdminPassword is the password of the office account created on
	// first start; empty means a random one, printed once.
	AdminPassword string
	// DemoPassword is the password of the demonstration reporter and
	// viewer accounts; empty means a random one, printed once.
	DemoPassword string
	// Demo loads the demonstration plan into an empty store.
	Demo bool

	MaxUpload  int64         // largest accepted document, in bytes
	SessionTTL time.Duration // how long a login lasts
	// SecureCookies forces the Secure flag on cookies even when the
	// request did not arrive over TLS or from an https proxy.
	SecureCookies bool
	LogLevel      string

	// DataDir holds uploaded evidence files, each under a random name.
	DataDir string
	// SMTPAddr (host:port) and SMTPFrom send reminders and notices by
	// e-mail; without them notices go to the inbox only.
	SMTPAddr, SMTPFrom string
	// DueInterval is how often the server looks for reports due and puts
	// their notices in the units' inboxes; 0 turns it off.
	DueInterval time.Duration
}

// Default returns the settings used when nothing is configured.
func Default() Config {
	return Config{
		Addr:       ":8080",
		DB:         "luoshi.db",
		Demo:       true,
		MaxUpload:  8 << 20,
		SessionTTL: 12 * time.Hour,
		LogLevel:   "info",
		DataDir:    "luoshi-data",

		DueInterval: time.Hour,
	}
}

// Load reads the environment, then flags, over the defaults; flags win.
func Load(name string, args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	c := Default()
	if err := c.fromEnv(getenv); err != nil {
		return c, err
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address (LUOSHI_ADDR)")
	fs.StringVar(&c.DB, "db", c.DB, "SQLite file or postgres:// URL (LUOSHI_DB)")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "load the demonstration plan into an empty store (LUOSHI_DEMO)")
	fs.Int64Var(&c.MaxUpload, "max-upload", c.MaxUpload, "largest accepted document in bytes (LUOSHI_MAX_UPLOAD)")
	fs.DurationVar(&c.SessionTTL, "session-ttl", c.SessionTTL, "how long a login lasts (LUOSHI_SESSION_TTL)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "always mark cookies Secure (LUOSHI_SECURE_COOKIES)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (LUOSHI_LOG_LEVEL)")
	fs.StringVar(&c.DataDir, "data", c.DataDir, "directory of uploaded evidence files (LUOSHI_DATA)")
	fs.StringVar(&c.SMTPAddr, "smtp-addr", c.SMTPAddr, "SMTP server host:port for e-mail notices (LUOSHI_SMTP_ADDR)")
	fs.StringVar(&c.SMTPFrom, "smtp-from", c.SMTPFrom, "sender address of e-mail notices (LUOSHI_SMTP_FROM)")
	fs.DurationVar(&c.DueInterval, "due-interval", c.DueInterval, "how often to post report-due notices, 0 for never (LUOSHI_DUE_INTERVAL)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	return c, c.validate()
}

func (c *Config) fromEnv(getenv func(string) string) error {
	str := func(key string, dst *string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	str("LUOSHI_ADDR", &c.Addr)
	str("LUOSHI_DB", &c.DB)
	str("LUOSHI_ADMIN_PASSWORD", &c.AdminPassword)
	str("LUOSHI_DEMO_PASSWORD", &c.DemoPassword)
	str("LUOSHI_LOG_LEVEL", &c.LogLevel)
	str("LUOSHI_DATA", &c.DataDir)
	str("LUOSHI_SMTP_ADDR", &c.SMTPAddr)
	str("LUOSHI_SMTP_FROM", &c.SMTPFrom)
	for key, dst := range map[string]*bool{"LUOSHI_DEMO": &c.Demo, "LUOSHI_SECURE_COOKIES": &c.SecureCookies} {
		if v := getenv(key); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			*dst = b
		}
	}
	if v := getenv("LUOSHI_MAX_UPLOAD"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return fmt.Errorf("LUOSHI_MAX_UPLOAD: %w", err)
		}
		c.MaxUpload = n
	}
	if v := getenv("LUOSHI_SESSION_TTL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("LUOSHI_SESSION_TTL: %w", err)
		}
		c.SessionTTL = d
	}
	if v := getenv("LUOSHI_DUE_INTERVAL"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("LUOSHI_DUE_INTERVAL: %w", err)
		}
		c.DueInterval = d
	}
	return nil
}

func (c *Config) validate() error {
	if c.DB == "" {
		return fmt.Errorf("no database: set --db or LUOSHI_DB")
	}
	if c.MaxUpload <= 0 {
		return fmt.Errorf("--max-upload must be positive")
	}
	if c.SessionTTL < time.Minute {
		return fmt.Errorf("--session-ttl must be at least a minute")
	}
	if c.DueInterval != 0 && c.DueInterval < time.Minute {
		return fmt.Errorf("--due-interval must be 0 or at least a minute")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("--log-level %q: want debug, info, warn or error", c.LogLevel)
	}
	return nil
}
