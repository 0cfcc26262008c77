package extract

import (
	"strings"
	"testing"
)

// TestProseSectionsAsTasks: a plan whose only items are titled sections
// of prose reads them as its tasks.
func TestProseSectionsAsTasks(t *testing.T) {
	p, err := Parse("临江市促进服务业发展实施方案\n\n一、加快发展现代物流\n推进物流园区建设，完善城乡配送网络。\n培育一批物流龙头企业。\n" +
		"二、提升商贸服务水平\n建设一批特色商业街区。\n发展夜间经济，丰富消费场景。\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Tasks) != 2 || p.Tasks[0].Label != "一" || p.Tasks[1].Label != "二" {
		t.Fatalf("tasks %+v, want 一 and 二", p.Tasks)
	}
}

// TestPreambleTitleHead: only the head of a title says it states aims.
func TestPreambleTitleHead(t *testing.T) {
	if !isPreambleTitle(strings.Repeat("推进", 18) + "指导思想") {
		t.Error("a word within the first 40 characters counts")
	}
	if isPreambleTitle(strings.Repeat("推进", 18) + "推指导思想") {
		t.Error("a word past the first 40 characters does not count")
	}
	if !isPreambleTitle("（一）指導思想") {
		t.Error("a title in traditional characters counts")
	}
}
