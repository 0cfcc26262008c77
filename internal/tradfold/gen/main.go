// Command gen writes table.go of package tradfold from the character
// dictionaries of OpenCC, as shipped by its Go port
// github.com/longbridgeapp/opencc: TSCharacters.txt (traditional →
// simplified) and HKVariantsRev.txt (Hong Kong forms → traditional, for
// 衞 in 衞生 and the like).
//
// Run it through go generate in package tradfold. Without -dir it asks
// the go command for the module and reads the dictionaries from there, so
// the converter is never a dependency of the program itself.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// converter is the module whose dictionaries are read.
const converter = "github.com/longbridgeapp/opencc@v0.3.13"

// first and last bound the table: the unified ideographs of the basic
// plane and extension A, where every character of a printed plan lies.
const first, last = 0x3400, 0x9FFF

// standing are the characters whose dictionary entry lists the character
// itself among its simplified forms, but which plans in traditional
// characters write for the first form only: 於 for 于 (關於), 徵 for 征
// (徵求意見). The other such entries (乾 干/乾, 覆 覆/复, 藉 藉/借, 薹 苔/薹, …)
// stand in simplified text too and are left as they are.
var standing = map[rune]bool{'於': true, '徵': true}

func main() {
	log.SetFlags(0)
	dir := flag.String("dir", "", "the converter's dictionary directory (default: from its module)")
	out := flag.String("o", "table.go", "file to write")
	flag.Parse()
	if *dir == "" {
		mod, err := moduleDir(converter)
		if err != nil {
			log.Fatal(err)
		}
		*dir = filepath.Join(mod, "dictionary")
	}
	ts, err := readDict(filepath.Join(*dir, "TSCharacters.txt"))
	if err != nil {
		log.Fatal(err)
	}
	hk, err := readDict(filepath.Join(*dir, "HKVariantsRev.txt"))
	if err != nil {
		log.Fatal(err)
	}
	pairs, err := fold(ts, hk)
	if err != nil {
		log.Fatal(err)
	}
	src, err := render(pairs)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
}

// moduleDir downloads module@version into the module cache and returns
// its directory.
func moduleDir(mod string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", mod)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %w", mod, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(b, &m); err != nil {
		return "", fmt.Errorf("go mod download %s: %w", mod, err)
	}
	if m.Error != "" || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: %s", mod, m.Error)
	}
	return m.Dir, nil
}

// readDict reads the single-character entries of a dictionary of
// "from<TAB>to[ to…]" lines: each character with its forms, the usual
// one first.
func readDict(path string) (map[rune][]rune, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[rune][]rune{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, vals, ok := strings.Cut(line, "\t")
		if !ok || len(strings.Fields(vals)) == 0 {
			return nil, fmt.Errorf("%s:%d: not an entry: %q", path, n, line)
		}
		if utf8.RuneCountInString(key) != 1 {
			continue
		}
		k, _ := utf8.DecodeRuneInString(key)
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%s:%d: %c listed twice", path, n, k)
		}
		var forms []rune
		for _, v := range strings.Fields(vals) {
			if utf8.RuneCountInString(v) == 1 {
				r, _ := utf8.DecodeRuneInString(v)
				forms = append(forms, r)
			}
		}
		out[k] = forms
	}
	return out, sc.Err()
}

type pair struct{ trad, simp rune }

// fold keeps the characters that fold to one simplified character: the
// first form listed, when the entry does not list the character itself
// (see standing). A Hong Kong form folds as the traditional character it
// stands for, when that one folds (衞 as 衛, to 卫); one that is itself the
// simplified character (温 for 溫) stays. A form that folds again (薴 → 苧 → 苎)
// is followed to its end, so that the table is one step.
func fold(ts, hk map[rune][]rune) ([]pair, error) {
	to := map[rune]rune{}
	for t, forms := range ts {
		if len(forms) == 0 || forms[0] == t || !standing[t] && contains(forms, t) {
			continue
		}
		to[t] = forms[0]
	}
	for v, forms := range hk {
		if _, ok := ts[v]; ok || len(forms) == 0 {
			continue
		}
		if s, ok := to[forms[0]]; ok && s != v {
			to[v] = s
		}
	}
	var out []pair
	for t, s := range to {
		for n := 0; ; n++ {
			next, ok := to[s]
			if !ok {
				break
			}
			if n == 8 || next == t {
				return nil, fmt.Errorf("%c folds in a loop", t)
			}
			s = next
		}
		if t >= first && t <= last && s >= first && s <= last {
			out = append(out, pair{t, s})
		}
	}
	if len(out) < 2000 {
		return nil, fmt.Errorf("only %d characters: not the dictionaries expected", len(out))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].trad < out[j].trad })
	return out, nil
}

func contains(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func render(pairs []pair) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gen from the character dictionaries of %s; DO NOT EDIT.\n\n", converter)
	b.WriteString("// The dictionaries are part of OpenCC (Apache License 2.0).\n\n")
	b.WriteString("package tradfold\n\n")
	fmt.Fprintf(&b, "const (\n\tfirst = 0x%04X\n\tlast  = 0x%04X\n)\n\n", first, last)
	fmt.Fprintf(&b, "// table holds the simplified form of each of %d traditional characters,\n", len(pairs))
	b.WriteString("// zero for a character that does not fold.\n")
	b.WriteString("var table = [last - first + 1]uint16{\n")
	for _, p := range pairs {
		fmt.Fprintf(&b, "\t'%c' - first: '%c',\n", p.trad, p.simp)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
