package cli

import "errors"

func runServe(e env, args []string) error { return errors.New("not available yet") }

func runMigrate(e env, args []string) error { return errors.New("not available yet") }
