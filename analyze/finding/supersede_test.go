package finding

import (
	"os"
	"path/filepath"
	"testing"
)

// droppedBy lists, for findings that Dedupe drops, which rule superseded which.
func droppedBy(fs []Finding, used map[string]bool) {
	repeats, byName := map[ruleCrate]bool{}, map[ruleCrate]bool{}
	for _, f := range Rank(fs) {
		k := ruleCrate{f.Rule, f.Crate}
		if repeats[k] {
			continue
		}
		if by := supersededBy(f, byName); by != "" {
			used[string(by)+" > "+string(f.Rule)] = true
			continue
		}
		repeats[k] = true
		byName[ruleCrate{f.Rule, crateName(f.Crate)}] = true
	}
}

// Every declared supersession hides a real finding on some real log: a declaration that never
// acts is a way to hide a finding for no reason anyone has seen.
func TestEverySupersessionActsOnARealLog(t *testing.T) {
	used := map[string]bool{}
	all := func(c *Comparison) []Finding {
		var fs []Finding
		for _, r := range Rules() {
			fs = append(fs, r.DiffRule(c)...)
		}
		return fs
	}
	check := func(path string) {
		var fs []Finding
		for _, r := range Rules() {
			fs = append(fs, r.CheckRule(read(t, path))...)
		}
		droppedBy(fs, used)
	}
	goods := []string{"../../corpus/bench/b00-ok.good.log", "../../corpus/seed/s11-cross-x86_64.good.log", "../../corpus/seed/s04-env-working.txt"}
	dirs, _ := os.ReadDir("testdata")
	var bads []string
	for _, d := range dirs {
		if d.IsDir() {
			bads = append(bads, filepath.Join("testdata", d.Name(), "bad.log"))
			goods = append(goods, filepath.Join("testdata", d.Name(), "good.log"))
		}
	}
	bads = append(bads, corpusLogs(t)...)
	for _, b := range bads {
		check(b)
		for _, g := range goods {
			gl, bl := read(t, g), read(t, b)
			droppedBy(all(&Comparison{Good: gl, Bad: bl, Diffs: Compare(gl, bl)}), used)
		}
	}
	for _, r := range Rules() {
		for _, s := range r.Supersedes {
			if !used[string(r.ID)+" > "+string(s)] {
				t.Errorf("%s supersedes %s, but never does on a real log", r.ID, s)
			}
		}
	}
}
