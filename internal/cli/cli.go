// Package cli holds the luoshi subcommands, one file each.
package cli

import (
	"errors"
	"fmt"
	"io"
	"sort"
)

// env is what a subcommand may touch of the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

type command struct {
	summary string
	run     func(e env, args []string) error
}

// commands is the table of subcommands.
var commands = map[string]command{
	"parse":   {"print the plan extracted from a document", runParse},
	"units":   {"list the unit registry or resolve a unit name", runUnits},
	"serve":   {"start the web UI and JSON API", runServe},
	"migrate": {"apply the database schema migrations", runMigrate},
}

// errUsage marks an error caused by how the command was called.
var errUsage = errors.New("usage")

// Run executes the subcommand named by args[0] and returns the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "luoshi: unknown command %q (try luoshi help)\n", args[0])
		return 2
	}
	if err := cmd.run(e, args[1:]); err != nil {
		fmt.Fprintf(stderr, "luoshi %s: %v\n", args[0], err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "luoshi — turns service-industry development plans into supervised work")
	fmt.Fprintln(w, "\nusage: luoshi COMMAND [flags] [args]")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
}
