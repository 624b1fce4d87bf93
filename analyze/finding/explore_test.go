package finding

import (
	"fmt"
	"path/filepath"
	"testing"
)

func TestExploreRules(t *testing.T) {
	var all []string
	for _, g := range []string{"seed/*", "bench/*.log", "public/*.md"} {
		m, _ := filepath.Glob("../../corpus/" + g)
		all = append(all, m...)
	}
	goods := []string{"../../corpus/bench/b00-ok.good.log", "../../corpus/seed/s11-cross-x86_64.good.log", "../../corpus/seed/s04-env-working.txt"}
	for _, r := range Rules() {
		for _, b := range all {
			bl := read(t, b)
			if r.Check != nil {
				if fs := r.CheckRule(bl); len(fs) > 0 {
					fmt.Printf("%s CHECK %s %d\n", r.ID, b, len(fs))
				}
			}
			if r.Diff != nil {
				for _, g := range goods {
					gl := read(t, g)
					if fs := r.DiffRule(&Comparison{gl, bl, Compare(gl, bl)}); len(fs) > 0 {
						fmt.Printf("%s DIFF %s %s %d\n", r.ID, g, b, len(fs))
					}
				}
			}
		}
	}
}
