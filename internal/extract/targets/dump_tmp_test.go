package targets

import (
	"fmt"
	"testing"
)

func TestDumpTmp(t *testing.T) {
	docs := loadGold(t)
	for name, d := range docs {
		y := targetYear(d)
		for _, task := range d.Tasks {
			for _, p := range Find(task.Text, y) {
				mx := ""
				if p.ValueMax != nil {
					mx = fmt.Sprint("-", *p.ValueMax)
				}
				fmt.Printf("%s %s %v%s %s %s %d [%s] | %s | %q\n", name[:3], task.Label, p.Value, mx, p.Unit, p.Comparator, p.Year, p.Indicator, p.Text, string([]rune(task.Text)[p.Start:p.End]))
			}
		}
	}
}
