// compose-check loads a compose file with compose-go, the parser Docker Compose itself uses:
// schema validation, interpolation, anchors, extends and cross-references (depends_on, volumes,
// networks) are checked as `docker compose config` checks them. It prints the resolved project as
// JSON on success and exits 1 with the parser's message otherwise. Variables are interpolated from
// its environment. No Docker engine is needed.
//
//	go run . <compose.yaml>
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-check <compose.yaml>")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions([]string{os.Args[1]}, cli.WithOsEnv, cli.WithConsistency(true))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}
