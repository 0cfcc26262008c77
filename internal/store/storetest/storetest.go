// Package storetest opens throw-away stores for tests and benchmarks: an
// SQLite file in a temporary directory, and a fresh schema on the
// PostgreSQL named by LUOSHI_TEST_POSTGRES.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"luoshi/internal/plan"
	"luoshi/internal/store"

	"luoshi/internal/skipnote"
)

// PostgresEnv names the variable holding the test PostgreSQL's URL.
const PostgresEnv = "LUOSHI_TEST_POSTGRES"

// Engine is a way to open a migrated, empty store.
type Engine struct {
	Name string
	Open func(tb testing.TB) *store.Store
	// Bare opens an empty database without migrating it, for tests of
	// the migrations themselves.
	Bare func(tb testing.TB) *store.Store
}

// Engines returns SQLite, and PostgreSQL when LUOSHI_TEST_POSTGRES is
// set. With CI set, a missing or unreachable PostgreSQL fails the test
// instead of skipping it.
func Engines(tb testing.TB) []Engine {
	es := []Engine{{Name: "sqlite", Open: SQLite, Bare: SQLiteBare}}
	if os.Getenv(PostgresEnv) == "" {
		if os.Getenv("CI") != "" {
			tb.Fatalf("CI is set but %s is not: the store must be tested on PostgreSQL", PostgresEnv)
		}
		tb.Logf("PostgreSQL tests skipped: set %s to a database URL to run them", PostgresEnv)
		skipnote.Note("PostgreSQL tests", PostgresEnv+" is not set")
		return es
	}
	return append(es, Engine{Name: "postgres", Open: Postgres, Bare: PostgresBare})
}

// SQLite opens a migrated store in a file under tb's temporary directory.
func SQLite(tb testing.TB) *store.Store {
	tb.Helper()
	s := SQLiteBare(tb)
	if _, err := s.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return s
}

// SQLiteBare is SQLite without the migrations.
func SQLiteBare(tb testing.TB) *store.Store {
	tb.Helper()
	s, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "luoshi.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Postgres opens a migrated store in a schema of its own on the test
// PostgreSQL, dropped when tb ends, so that parallel packages never meet.
func Postgres(tb testing.TB) *store.Store {
	tb.Helper()
	s := PostgresBare(tb)
	if _, err := s.Migrate(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return s
}

// PostgresBare is Postgres without the migrations.
func PostgresBare(tb testing.TB) *store.Store {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		if os.Getenv("CI") != "" {
			tb.Fatalf("CI is set but %s is not", PostgresEnv)
		}
		skipnote.Skip(tb, "PostgreSQL tests", PostgresEnv+" is not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("PostgreSQL at %s: %v", PostgresEnv, err)
	}
	defer admin.Close()
	if err := admin.PingContext(ctx); err != nil {
		tb.Fatalf("PostgreSQL at %s is unreachable: %v", PostgresEnv, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "luoshi_test_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			tb.Logf("drop schema %s: %v", schema, err)
		}
	})
	dsn, err := withSearchPath(base, schema)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := store.Open(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func withSearchPath(dsn, schema string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// SamplePlan is a small hand-made plan, as the extractor would return it:
// two sections, three tasks, lead and cooperating units, targets.
func SamplePlan() *plan.Plan {
	src := strings.Join([]string{
		"西岭省2026年服务业重点工作",
		"一、壮大现代物流",
		"1.建设物流枢纽。新增国家物流枢纽2个。（牵头单位：省发展改革委；配合单位：省交通运输厅）",
		"2.发展冷链物流。冷链流通率达到40%以上。（省商务厅负责）",
		"二、提升生活服务",
		"3.繁荣夜间经济。年内建成夜间消费集聚区10个。（牵头单位：省商务厅；配合单位：省文旅厅、西岭市人民政府）",
	}, "\n")
	b := spanner(src)
	p := &plan.Plan{
		Source:   src,
		Document: plan.Document{Title: "西岭省2026年服务业重点工作", Region: "西岭省", Year: 2026},
		Headings: []plan.Heading{
			{Label: "一", Level: 1, Title: "壮大现代物流", Path: []string{"一"}, Span: b.of("一、壮大现代物流")},
			{Label: "二", Level: 1, Title: "提升生活服务", Path: []string{"二"}, Span: b.of("二、提升生活服务")},
		},
	}
	task := func(label, section, text string, lead, coop []string, deadline string, targets ...plan.Target) plan.Task {
		t := plan.Task{Label: label, Path: []string{section}, Text: text, Lead: lead, Cooperating: coop, Deadline: deadline,
			Targets: targets, Span: b.of(text)}
		for _, n := range lead {
			t.Units = append(t.Units, plan.UnitMention{Name: n, Role: plan.Lead, Match: "unknown", Span: b.after(n, t.Start)})
		}
		for _, n := range coop {
			t.Units = append(t.Units, plan.UnitMention{Name: n, Role: plan.Cooperating, Match: "unknown", Span: b.after(n, t.Start)})
		}
		return t
	}
	p.Tasks = []plan.Task{
		task("1", "一", "1.建设物流枢纽。新增国家物流枢纽2个。（牵头单位：省发展改革委；配合单位：省交通运输厅）",
			[]string{"省发展改革委"}, []string{"省交通运输厅"}, "",
			plan.Target{Text: "新增国家物流枢纽2个", Indicator: "国家物流枢纽", Value: 2, Unit: "个", Comparator: plan.AtLeast, Span: b.of("新增国家物流枢纽2个")}),
		task("2", "一", "2.发展冷链物流。冷链流通率达到40%以上。（省商务厅负责）",
			[]string{"省商务厅"}, nil, "",
			plan.Target{Text: "冷链流通率达到40%以上", Indicator: "冷链流通率", Value: 40, Unit: "%", Comparator: plan.AtLeast, Span: b.of("冷链流通率达到40%以上")}),
		task("3", "二", "3.繁荣夜间经济。年内建成夜间消费集聚区10个。（牵头单位：省商务厅；配合单位：省文旅厅、西岭市人民政府）",
			[]string{"省商务厅"}, []string{"省文旅厅", "西岭市人民政府"}, "2026-12-31",
			plan.Target{Text: "建成夜间消费集聚区10个", Indicator: "夜间消费集聚区", Value: 10, Unit: "个", Comparator: plan.AtLeast, Year: 2026, Span: b.of("建成夜间消费集聚区10个")}),
	}
	return p
}

type spanner string

// of returns the rune span of the first occurrence of s.
func (src spanner) of(s string) plan.Span { return src.after(s, 0) }

// after returns the rune span of the first occurrence of s at or after
// rune offset from.
func (src spanner) after(s string, from int) plan.Span {
	r := []rune(string(src))
	needle := []rune(s)
	for i := from; i+len(needle) <= len(r); i++ {
		if string(r[i:i+len(needle)]) == s {
			return plan.Span{Start: i, End: i + len(needle)}
		}
	}
	return plan.Span{}
}

// BigPlanUnits are the lead units of BigPlan, in turn; every task also
// names BigPlanCooperating as cooperating.
var (
	BigPlanUnits       = []string{"省发展改革委", "省商务厅", "省交通运输厅", "省文旅厅", "省市场监管局", "省工业和信息化厅", "省民政厅"}
	BigPlanCooperating = "省统计局"
)

// BigPlan is a generated plan of sections × perSection tasks, built as
// the extractor's result (not parsed from a text): task n of the plan
// (from 1) is led by BigPlanUnits[(n-1) % len], every third task carries
// a target, and every tenth was read with low confidence.
func BigPlan(title string, sections, perSection int) *plan.Plan {
	numerals := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	var b strings.Builder
	runes := 0
	write := func(s string) plan.Span {
		start := runes
		b.WriteString(s)
		runes += len([]rune(s))
		b.WriteString("\n")
		runes++
		return plan.Span{Start: start, End: start + len([]rune(s))}
	}
	p := &plan.Plan{Document: plan.Document{Title: title, Region: "西岭省", Year: 2026}}
	write(title)
	n := 0
	for s := 0; s < sections; s++ {
		label := fmt.Sprintf("%d", s+1)
		if s < len(numerals) {
			label = numerals[s]
		}
		heading := fmt.Sprintf("%s、第%s部分重点任务", label, label)
		p.Headings = append(p.Headings, plan.Heading{Label: label, Level: 1, Title: fmt.Sprintf("第%s部分重点任务", label), Path: []string{label}, Span: write(heading)})
		for i := 0; i < perSection; i++ {
			n++
			lead := BigPlanUnits[(n-1)%len(BigPlanUnits)]
			target := ""
			if n%3 == 0 {
				target = fmt.Sprintf("新增服务网点%d个。", n)
			}
			text := fmt.Sprintf("%d.推进第%d项服务业重点工作，完善配套政策。%s（牵头单位：%s；配合单位：%s）", n, n, target, lead, BigPlanCooperating)
			span := write(text)
			t := plan.Task{Label: fmt.Sprint(n), Path: []string{label}, Text: text, Lead: []string{lead}, Cooperating: []string{BigPlanCooperating}, Span: span}
			at := func(s string) plan.Span {
				i := strings.Index(text, s)
				start := span.Start + len([]rune(text[:i]))
				return plan.Span{Start: start, End: start + len([]rune(s))}
			}
			t.Units = []plan.UnitMention{{Name: lead, Role: plan.Lead, Match: "unknown", Span: at(lead)},
				{Name: BigPlanCooperating, Role: plan.Cooperating, Match: "unknown", Span: at(BigPlanCooperating)}}
			if target != "" {
				g := strings.TrimSuffix(target, "。")
				t.Targets = []plan.Target{{Text: g, Indicator: "服务网点", Value: float64(n), Unit: "个", Comparator: plan.AtLeast, Span: at(g)}}
			}
			if n%10 == 0 {
				t.Confidence = plan.Low
			}
			p.Tasks = append(p.Tasks, t)
		}
	}
	p.Source = b.String()
	return p
}
