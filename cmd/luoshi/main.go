// Command luoshi turns policy plans into supervised, trackable work.
package main

import (
	"os"

	"luoshi/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
