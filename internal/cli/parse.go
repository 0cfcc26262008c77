package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"luoshi/internal/extract"
	"luoshi/internal/plan"
	"luoshi/internal/source"
)

// maxDocument bounds what parse reads; real plans are well under 1 MB.
const maxDocument = 32 << 20

func runParse(e env, args []string) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print the extraction contract's JSON")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: luoshi parse [--json] FILE|-", errUsage)
	}
	name := fs.Arg(0)
	data, err := readInput(e, name)
	if err != nil {
		return err
	}
	p, err := parseDocument(name, data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(p)
	}
	printOutline(e.stdout, p)
	return nil
}

// parseDocument is the one path from a document's bytes to a plan.
func parseDocument(name string, data []byte) (*plan.Plan, error) {
	text, err := source.Decode(name, data)
	if err != nil {
		return nil, err
	}
	return annotate(extract.Parse(text))
}

func readInput(e env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxDocument+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(data) > maxDocument {
		return nil, fmt.Errorf("%s: larger than %d MB", name, maxDocument>>20)
	}
	return data, nil
}

// printOutline writes the plan for a person at a terminal.
func printOutline(w io.Writer, p *plan.Plan) {
	d := p.Document
	fmt.Fprintf(w, "%s\n", orDash(d.Title))
	for _, f := range [][2]string{{"文号", d.DocNumber}, {"发文机关", d.Issuer}, {"日期", d.Date}, {"地区", d.Region}} {
		if f[1] != "" {
			fmt.Fprintf(w, "  %s：%s\n", f[0], f[1])
		}
	}
	if d.Year != 0 {
		fmt.Fprintf(w, "  年度：%d\n", d.Year)
	}
	for _, g := range p.Goals {
		fmt.Fprintf(w, "  目标：%s\n", targetLine(g))
	}
	tasks := p.Tasks
	for _, h := range p.Headings {
		// Tasks that come before this heading belong to what was printed.
		for len(tasks) > 0 && tasks[0].Start < h.Start {
			printTask(w, tasks[0])
			tasks = tasks[1:]
		}
		if isTaskHeading(h, p.Tasks) {
			continue
		}
		fmt.Fprintf(w, "%s%s %s\n", strings.Repeat("  ", h.Level-1), h.Label, h.Title)
	}
	for _, t := range tasks {
		printTask(w, t)
	}
	if len(p.Warnings) > 0 {
		fmt.Fprintf(w, "\n%d warnings:\n", len(p.Warnings))
		for _, wa := range p.Warnings {
			fmt.Fprintf(w, "  ! %s\n", wa.Message)
		}
	}
}

func isTaskHeading(h plan.Heading, tasks []plan.Task) bool {
	for _, t := range tasks {
		if t.Start == h.Start {
			return true
		}
	}
	return false
}

func printTask(w io.Writer, t plan.Task) {
	indent := strings.Repeat("  ", len(t.Path))
	text := []rune(t.Text)
	if len(text) > 60 {
		text = append(text[:60], '…')
	}
	fmt.Fprintf(w, "%s[%s] %s\n", indent, t.Label, string(text))
	if len(t.Lead) > 0 {
		fmt.Fprintf(w, "%s    牵头：%s\n", indent, strings.Join(t.Lead, "、"))
	}
	if len(t.Cooperating) > 0 {
		fmt.Fprintf(w, "%s    配合：%s\n", indent, strings.Join(t.Cooperating, "、"))
	}
	if t.TaskForce != "" {
		fmt.Fprintf(w, "%s    专班：%s\n", indent, t.TaskForce)
	}
	if t.Deadline != "" {
		fmt.Fprintf(w, "%s    期限：%s\n", indent, t.Deadline)
	}
	for _, g := range t.Targets {
		fmt.Fprintf(w, "%s    目标：%s\n", indent, targetLine(g))
	}
}

func targetLine(t plan.Target) string {
	v := fmt.Sprintf("%g", t.Value)
	if t.ValueMax != nil {
		v += fmt.Sprintf("–%g", *t.ValueMax)
	}
	s := fmt.Sprintf("%s %s %s%s", orDash(t.Indicator), t.Comparator, v, t.Unit)
	if t.Year != 0 {
		s += fmt.Sprintf("（%d年）", t.Year)
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
