package cli

import "errors"

func runUnits(e env, args []string) error { return errors.New("not available yet") }
