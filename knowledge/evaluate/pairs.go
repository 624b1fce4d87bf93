package evaluate

import (
	"strings"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// Pair is one labelled good/bad pair and what diff said about it.
type Pair struct {
	Good     string `json:"good"`
	Bad      string `json:"bad"`
	Class    string `json:"class"`
	Accept   string `json:"accept,omitempty"`
	MustName string `json:"must_name"`
	// Predicted and Rule are the class and rule of diff's top finding ("unknown", "" when
	// it found nothing).
	Predicted string `json:"predicted"`
	Rule      string `json:"rule"`
	// CauseFirst: the top finding's class is a right one. NamesSetting: the top finding's
	// message, evidence or changed settings name MustName.
	CauseFirst   bool `json:"cause_first"`
	NamesSetting bool `json:"names_setting"`
}

// PairsReport sums up diff over labelled pairs.
type PairsReport struct {
	Pairs        []Pair `json:"pairs"`
	Total        int    `json:"total"`
	CauseFirst   int    `json:"cause_first"`
	NamesSetting int    `json:"names_setting"`
}

// CauseFirstRate and NamesSettingRate are the shares of pairs diff got right.
func (r PairsReport) CauseFirstRate() float64   { return ratio(r.CauseFirst, r.Total) }
func (r PairsReport) NamesSettingRate() float64 { return ratio(r.NamesSetting, r.Total) }

// ScorePair compares diff's ranked findings for a pair with its label.
func ScorePair(row corpus.Expected, fs []finding.Finding) Pair {
	p := Pair{Good: row.Good, Bad: row.Bad, Class: row.TopClass, MustName: row.MustName, Predicted: "unknown"}
	if row.Also != "-" {
		p.Accept = row.Also
	}
	if len(fs) == 0 {
		return p
	}
	top := fs[0]
	p.Predicted, p.Rule = string(top.Class), string(top.Rule)
	p.CauseFirst = row.Accepts(p.Predicted)
	p.NamesSetting = Names(top, row.MustName)
	return p
}

// Names reports whether a finding names s: in its message, its evidence or what it says
// changed.
func Names(f finding.Finding, s string) bool {
	texts := []string{f.Message}
	for _, e := range f.Evidence {
		texts = append(texts, e.Text)
	}
	for _, c := range f.Changed {
		texts = append(texts, c.Setting, c.Good.Value, c.Bad.Value, c.Good.Key, c.Bad.Key)
	}
	for _, t := range texts {
		if strings.Contains(t, s) {
			return true
		}
	}
	return false
}

// SummarisePairs adds up scored pairs.
func SummarisePairs(ps []Pair) PairsReport {
	r := PairsReport{Pairs: ps, Total: len(ps)}
	for _, p := range ps {
		if p.CauseFirst {
			r.CauseFirst++
		}
		if p.NamesSetting {
			r.NamesSetting++
		}
	}
	return r
}

// RunPairs diffs every pair the way cxlog diff does and scores the top finding.
func RunPairs(rows []corpus.Expected, b *knowledge.Base, ix *knowledge.Index) (PairsReport, error) {
	scored := make([]Pair, 0, len(rows))
	for _, row := range rows {
		good, err := analyze.ReadPath(row.Good, nil, analyze.Options{Distinct: true})
		if err != nil {
			return PairsReport{}, err
		}
		bad, err := analyze.ReadPath(row.Bad, nil, analyze.Options{Distinct: true})
		if err != nil {
			return PairsReport{}, err
		}
		fs, _, err := explain.Diff(good, bad, b, ix)
		if err != nil {
			return PairsReport{}, err
		}
		scored = append(scored, ScorePair(row, fs))
	}
	return SummarisePairs(scored), nil
}
