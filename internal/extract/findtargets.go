package extract

import "luoshi/internal/plan"

func findTargets(s string, year int) []plan.Target { return nil }
