package web

import (
	"luoshi/internal/locale"
	"luoshi/internal/reporting"
)

// periodLabel is the name people read for a reporting period's key, in
// lang: "2026年第三季度" / "2026 Q3", "2026年1月" / "January 2026",
// "截至2026年6月30日" / "to 30 June 2026". Every page, notice and API
// answer names periods through it; the key stays the machine's. A key
// it cannot read is shown as it is.
func periodLabel(cat *locale.Catalog, lang, key string) string {
	n, ok := reporting.ParseKey(key)
	if !ok {
		return key
	}
	month := func() string { return cat.T(lang, monthKeys[n.Month-1]) }
	switch n.Frequency {
	case reporting.Monthly:
		return cat.T(lang, "period.month", n.Year, month())
	case reporting.Quarterly:
		return cat.T(lang, "period.quarter", n.Year, cat.T(lang, quarterKeys[n.Quarter-1]))
	}
	return cat.T(lang, "period.date", n.Year, month(), n.Date.Day())
}

var (
	monthKeys = [12]string{"month.1", "month.2", "month.3", "month.4", "month.5", "month.6",
		"month.7", "month.8", "month.9", "month.10", "month.11", "month.12"}
	quarterKeys = [4]string{"quarter.1", "quarter.2", "quarter.3", "quarter.4"}
)

// periodLabel names a period in the caller's language.
func (s *Server) periodLabel(lang, key string) string { return periodLabel(s.cat, lang, key) }

// PeriodLabel names a period in the reader's language, for templates.
func (p *Page) PeriodLabel(key string) string { return periodLabel(p.cat, p.Lang, key) }
