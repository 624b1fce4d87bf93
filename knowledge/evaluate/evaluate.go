// Package evaluate scores explain against labelled logs: top-1 and top-3 accuracy, coverage
// (the share of cases explain names a class for), precision when it names one, and a
// reliability table by confidence, from which explain's threshold between a class and unknown
// is chosen.
package evaluate

import (
	"math"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/corpus"
	"github.com/cxlog/cxlog/knowledge"
	"github.com/cxlog/cxlog/knowledge/explain"
)

// Schema names the JSON form of a Report.
const Schema = "cxlog.eval/v2"

// Case is one labelled log and what explain said about it.
type Case struct {
	Path       string   `json:"path"`
	Class      string   `json:"class"`
	Accept     string   `json:"accept,omitempty"`
	Predicted  []string `json:"predicted"` // "unknown" first when explain named no class, then its best guesses
	Guess      string   `json:"guess"`     // the class of the top match, named or not
	Confidence float64  `json:"confidence"`
	Answered   bool     `json:"answered"` // explain named a class
	Top1       bool     `json:"top1"`     // the named class is right
	Top3       bool     `json:"top3"`     // a right class is among the first three predictions
	GuessRight bool     `json:"guess_right"`
}

// Bucket is one row of the reliability table: the cases whose confidence lies in [Low, High).
type Bucket struct {
	Low        float64 `json:"low"`
	High       float64 `json:"high"` // 0 for the open last bucket
	Cases      int     `json:"cases"`
	GuessRight int     `json:"guess_right"` // the top match's class was right
}

// Report is the whole evaluation.
type Report struct {
	Schema      string   `json:"schema"`
	Cases       []Case   `json:"cases"`
	Total       int      `json:"total"`
	Top1        int      `json:"top1"`
	Top3        int      `json:"top3"`
	Answered    int      `json:"answered"`
	Right       int      `json:"right"` // answered and right
	Threshold   float64  `json:"threshold"`
	Reliability []Bucket `json:"reliability"`
	// Pairs is diff measured on the labelled good/bad pairs, when the corpus has any.
	Pairs *PairsReport `json:"pairs,omitempty"`
}

// Coverage is the share of cases explain named a class for.
func (r Report) Coverage() float64 { return ratio(r.Answered, r.Total) }

// Precision is the share of named classes that were right.
func (r Report) Precision() float64 { return ratio(r.Right, r.Answered) }

// Top1Rate and Top3Rate are the accuracies over all cases.
func (r Report) Top1Rate() float64 { return ratio(r.Top1, r.Total) }
func (r Report) Top3Rate() float64 { return ratio(r.Top3, r.Total) }

// bucketEdges are the lower bounds of the reliability table's rows, in confidence.
var bucketEdges = []float64{0, 0.5, 0.75, 0.9, 0.95, 0.97, 0.99}

// NoFailure is the label of a log whose build (or flash) worked: the only right answer is
// unknown, and naming any class is a false alarm.
const NoFailure = "none"

// Score compares what explain said about one labelled log with its label.
func Score(c corpus.Case, res explain.Result) Case {
	// three decimals: what the reliability table needs, stable under tiny text-score changes
	ec := Case{Path: c.Path, Class: c.Class, Accept: c.Accept, Predicted: []string{}, Confidence: math.Round(res.Confidence*1000) / 1000}
	ec.Answered = res.Class != class.Unknown
	if !ec.Answered {
		ec.Predicted = append(ec.Predicted, string(class.Unknown))
	}
	for _, m := range res.Matches {
		if len(ec.Predicted) < 3 {
			ec.Predicted = append(ec.Predicted, string(m.Entry.Class))
		}
	}
	if len(res.Matches) > 0 {
		ec.Guess = string(res.Matches[0].Entry.Class)
		ec.GuessRight = c.Accepts(ec.Guess)
	}
	if c.Class == NoFailure {
		ec.Top1, ec.Top3, ec.GuessRight = !ec.Answered, !ec.Answered, !ec.Answered
		return ec
	}
	for i, p := range ec.Predicted {
		if c.Accepts(p) {
			ec.Top3 = true
			ec.Top1 = ec.Top1 || i == 0
		}
	}
	return ec
}

// Summarise adds up scored cases.
func Summarise(cases []Case) Report {
	rep := Report{Schema: Schema, Cases: cases, Total: len(cases), Threshold: explain.AnswerConfidence}
	for i, low := range bucketEdges {
		b := Bucket{Low: low}
		if i+1 < len(bucketEdges) {
			b.High = bucketEdges[i+1]
		}
		rep.Reliability = append(rep.Reliability, b)
	}
	for _, c := range cases {
		if c.Top1 {
			rep.Top1++
		}
		if c.Top3 {
			rep.Top3++
		}
		if c.Answered {
			rep.Answered++
			if c.Top1 {
				rep.Right++
			}
		}
		for i := len(rep.Reliability) - 1; i >= 0; i-- {
			if c.Confidence >= rep.Reliability[i].Low {
				rep.Reliability[i].Cases++
				if c.GuessRight {
					rep.Reliability[i].GuessRight++
				}
				break
			}
		}
	}
	return rep
}

// Run explains every case's log and scores it.
func Run(cases []corpus.Case, b *knowledge.Base, ix *knowledge.Index) (Report, error) {
	scored := make([]Case, 0, len(cases))
	for _, c := range cases {
		in, err := explain.ReadInput(c.Path, nil)
		if err != nil {
			return Report{}, err
		}
		scored = append(scored, Score(c, explain.Explain(in, b, ix)))
	}
	return Summarise(scored), nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
