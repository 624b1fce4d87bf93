// Package explain finds the known failures a pasted log shows: exact symptom matches and the
// structural findings of analyze/finding first, the knowledge base's full-text score after.
package explain

import (
	"math"
	"math/bits"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/analyze/lazyre"
	"github.com/cxlog/cxlog/grammar/logread"
	"github.com/cxlog/cxlog/knowledge"
)

// AnswerConfidence is the confidence from which explain names a class; below it the class is
// unknown and the matches are best guesses. Chosen from cxlog eval's reliability table (README,
// "How explain decides between a class and unknown").
const AnswerConfidence = 0.9

const (
	highConfidence = 0.97
	maxMatchLines  = 5
	maxMatches     = 5

	firstErrorWeight = 0.25
	// generalWeight scales a general entry's evidence, so that a specific entry of the same
	// class showing the same lines ranks above it.
	generalWeight = 0.9
	// echoWeight scales a symptom seen only on a wrapper line (could not compile, Caused by:,
	// builder for ... failed): those repeat an earlier error and never outrank it.
	echoWeight = 0.3
)

// Match is one knowledge-base entry the log shows.
type Match struct {
	Entry        *knowledge.Entry
	Score        float64
	TextScore    float64 // the part of Score from the full-text search
	Confidence   string  // high, medium, low
	MatchedLines []knowledge.Line
	Findings     []finding.Finding // structural evidence of the entry's class
	// Quotes are what the matched lines name (program, flag, variable, crate), as the user's
	// log spells them.
	Quotes []knowledge.Quote
}

// Result is what explain concludes.
type Result struct {
	Class class.Class // of the top match, or unknown
	// Confidence is how likely the top match's class is right, from its evidence and its lead
	// over the best match of another class; Class is named from AnswerConfidence on.
	Confidence float64
	Matches    []Match // ranked; when Class is unknown, the nearest entries
	Findings   []finding.Finding
}

// Explain ranks the entries of b for the given log lines and records.
func Explain(in *Input, b *knowledge.Base, ix *knowledge.Index) Result {
	lines, log := in.Lines, in.Log
	kl := appendKBLines(make([]knowledge.Line, 0, len(lines)), lines)
	var text func() textSearch
	switch {
	case ix != nil && in.text != nil:
		text = in.text // the search reading started
	case ix != nil:
		started := make(chan textSearch, 1)
		searchText(queryLines(lines), ix, started) // meanwhile, the symptoms and the rules
		text = func() textSearch { return <-started }
	}
	byID := map[string]*Match{}
	seen := map[string]map[symptomKey]float64{} // entry -> symptom -> weight counted
	quotes := map[quoteKey][]knowledge.Quote{}
	for _, h := range b.MatchLines(kl) {
		if qs := h.Symptom.Quotes(h.Text); len(qs) > 0 {
			k := quoteKey{h.Line, h.Entry.Class}
			quotes[k] = append(quotes[k], qs...)
		}
		m := byID[h.Entry.ID]
		if m == nil {
			m = &Match{Entry: h.Entry}
			byID[h.Entry.ID] = m
			seen[h.Entry.ID] = map[symptomKey]float64{}
		}
		key := keyOf(h)
		w := h.Weight
		if h.Entry.General {
			w *= generalWeight
		}
		echo := isEcho(h.Text)
		if echo {
			w *= echoWeight
		}
		if seen[h.Entry.ID][key] < w {
			m.Score += w - seen[h.Entry.ID][key]
			seen[h.Entry.ID][key] = w
		}
		if !echo && len(m.MatchedLines) < maxMatchLines && !hasLine(m.MatchedLines, h.Line) {
			m.MatchedLines = append(m.MatchedLines, knowledge.Line{N: h.Line, Text: h.Text})
		}
	}
	// an entry quotes what any entry of its class captured on its lines: a specific entry's
	// literal symptom and the general entry's named groups describe the same line
	for _, m := range byID {
		for _, l := range m.MatchedLines {
			for _, q := range quotes[quoteKey{l.N, m.Entry.Class}] {
				if !slices.Contains(m.Quotes, q) {
					m.Quotes = append(m.Quotes, q)
				}
			}
		}
	}
	for id, m := range byID {
		if len(seen[id]) < m.Entry.MinSymptoms {
			delete(byID, id)
		}
	}
	firstErrorBonus(byID)
	findings := finding.Check(log)
	for _, f := range findings {
		// a rule reads the records (flags, linker, target), so its finding stands on its own:
		// alone it reaches AnswerConfidence
		boost := 0.9
		if f.Severity == finding.High {
			boost = 1.1
		}
		for _, m := range byID {
			if m.Entry.Class != f.Class {
				continue
			}
			// the finding supports most the entries that matched the lines it rests on
			if sharesLine(m, f) {
				m.Score += boost
			} else {
				m.Score += boost / 2
			}
			m.Findings = append(m.Findings, f)
		}
		if named := b.ByID(f.Entry); named != nil && byID[named.ID] == nil {
			// the rule names the entry its finding stands for
			byID[named.ID] = &Match{Entry: named, Score: boost, Findings: []finding.Finding{f}, MatchedLines: evidenceLines(f)}
		} else if !classMatched(byID, f.Class) && ix != nil && named == nil {
			// structural evidence without a symptom: the entry of that class that best
			// describes the finding
			if hits, err := ix.Search(f.Message, knowledge.SearchOptions{Class: string(f.Class), Limit: 1}); err == nil && len(hits) > 0 {
				e := hits[0].Entry
				byID[e.ID] = &Match{Entry: e, Score: boost, Findings: []finding.Finding{f}, MatchedLines: evidenceLines(f)}
			}
		}
	}
	if text != nil {
		addTextScores(byID, text())
	}
	context := contextQuotes(lines)
	matches := make([]Match, 0, len(byID))
	for _, m := range byID {
		for _, q := range context {
			if !hasQuoteNamed(m.Quotes, q.Name) {
				m.Quotes = append(m.Quotes, q)
			}
		}
		matches = append(matches, *m)
	}
	sort.SliceStable(matches, func(i, j int) bool {
		if matches[i].Score != matches[j].Score {
			return matches[i].Score > matches[j].Score
		}
		return matches[i].Entry.ID < matches[j].Entry.ID
	})
	if len(matches) > maxMatches {
		matches = matches[:maxMatches]
	}
	res := Result{Class: class.Unknown, Matches: matches, Findings: findings}
	for i := range matches {
		matches[i].Confidence = level(confidenceOf(matches, i))
	}
	if len(matches) > 0 {
		res.Confidence = confidenceOf(matches, 0)
		if res.Confidence >= AnswerConfidence {
			res.Class = matches[0].Entry.Class
		}
	}
	return res
}

// confidenceOf maps the evidence for matches[i] to the share of cases with such evidence whose
// class is right: its score less half the symptom and structural evidence of the best match of
// another class (text similarity alone is no rival), through a logistic curve fitted by eye to
// the reliability table of cxlog eval.
func confidenceOf(matches []Match, i int) float64 {
	rival, agreeing := 0.0, 0.0
	for j, m := range matches {
		switch {
		case j == i:
		case m.Entry.Class != matches[i].Entry.Class:
			rival = max(rival, m.Score-m.TextScore)
		default:
			agreeing = max(agreeing, m.Score-m.TextScore)
		}
	}
	evidence := matches[i].Score + agreeingWeight*agreeing - rival/2
	return 1 / (1 + math.Exp(-confidenceSlope*(evidence-confidenceMidpoint)))
}

const (
	confidenceSlope    = 5.0
	confidenceMidpoint = 0.45
	// agreeingWeight: another entry of the same class that shows its own evidence (a general
	// and a specific entry on the same lines) makes the class a little more likely
	agreeingWeight = 0.2
)

func level(c float64) string {
	switch {
	case c >= highConfidence:
		return "high"
	case c >= AnswerConfidence:
		return "medium"
	}
	return "low"
}

// isEcho reports whether a line only repeats an earlier failure: cargo's and Nix's summaries
// and cause chains.
func isEcho(line string) bool {
	t := strings.TrimSpace(knowledge.MatchText(line))
	// a tool's JSON report holds a whole error chain in one string: only the text before its
	// first escaped newline says whether the line is a summary
	if i := strings.Index(t, `\n`); i >= 0 {
		t = t[:i]
	}
	for _, echo := range echoLines {
		if strings.Contains(t, echo) {
			return true
		}
	}
	return false
}

var echoLines = []string{
	"could not compile", "Could not compile", "build failed, waiting for other jobs",
	"Caused by:", "aborting due to", "builder for '",
	"Cannot build '", "error: build of '", "error: 1 dependencies couldn't be built", "dependencies couldn't be built",
	"failed to run custom build command for", "process didn't exit successfully",
}

// contextQuotes are the names rustc's and cargo's own wrapper lines give every failure of the
// log: the linker that failed and the first crate whose build failed. A match whose symptoms
// capture no such name quotes these, so the answer still names the user's program and crate.
func contextQuotes(lines []logread.Line) []knowledge.Quote {
	var out []knowledge.Quote
	for _, l := range lines {
		if !strings.Contains(l.Text, contextGate) {
			continue
		}
		for _, c := range contextShapes {
			if hasQuoteNamed(out, c.name) || !strings.Contains(l.Text, c.literal) {
				continue
			}
			if m := c.re().FindStringSubmatch(knowledge.MatchText(l.Text)); m != nil {
				out = append(out, knowledge.Quote{Name: c.name, Value: m[1]})
			}
		}
		if len(out) == len(contextShapes) {
			break
		}
	}
	return out
}

var contextShapes = []struct {
	name, literal string
	re            func() *regexp.Regexp
}{
	{"linker", "linking with", lazyre.New(knowledge.QuoteTolerant("linking with `([^`]+)` failed"))},
	{"crate", "custom build command for", lazyre.New(knowledge.QuoteTolerant("failed to run custom build command for `([^`]+)`"))},
}

// contextGate is a word every context shape's regex needs: one search rules most lines out.
const contextGate = "failed"

// contextShapeIndex is the index in contextShapes of the first shape line shows, or -1.
func contextShapeIndex(line string) int {
	if !strings.Contains(line, contextGate) {
		return -1
	}
	for i, c := range contextShapes {
		if strings.Contains(line, c.literal) && c.re().MatchString(knowledge.MatchText(line)) {
			return i
		}
	}
	return -1
}

func hasQuoteNamed(qs []knowledge.Quote, name string) bool {
	for _, q := range qs {
		if q.Name == name {
			return true
		}
	}
	return false
}

type quoteKey struct {
	line  int
	class class.Class
}

// firstErrorBonus favours the entry that explains the earliest matched line: a build's first
// error is usually the cause, and later ones often follow from it.
func firstErrorBonus(byID map[string]*Match) {
	first := math.MaxInt
	for _, m := range byID {
		for _, l := range m.MatchedLines {
			first = min(first, l.N)
		}
	}
	for _, m := range byID {
		if len(m.MatchedLines) > 0 && m.MatchedLines[0].N == first {
			m.Score += firstErrorWeight
		}
	}
}

// maxQueryLines is how many error lines go into the full-text query.
const maxQueryLines = 12

// queryWords make a line an error line, in any case.
var queryWords = []string{"error", "cannot", "undefined", "not found", "failed", "panicked"}

// wordsEndingIn[p][c] are the queryWords whose last two bytes are p and c, one bit each.
var wordsEndingIn = func() (ends *[utf8.RuneSelf][utf8.RuneSelf]uint8) {
	ends = new([utf8.RuneSelf][utf8.RuneSelf]uint8)
	for i, w := range queryWords {
		ends[w[len(w)-2]][w[len(w)-1]] |= 1 << i
	}
	return ends
}()

// wordFinder looks for queryWords in lines, its lower-case copy of a line reused for the next.
type wordFinder struct{ lower []byte }

// queryLine reports an error line whose text goes into the full-text query; the lower-case
// copy it compares goes into f's buffer, reused from line to line.
func (f *wordFinder) queryLine(text string) bool {
	return f.hasQueryWord(text) && !isEcho(text)
}

// hasQueryWord reports whether strings.ToLower(text) contains one of queryWords. An ASCII line
// is lowered byte by byte, each word compared where its last two letters are.
func (f *wordFinder) hasQueryWord(text string) bool {
	if cap(f.lower) < len(text) {
		f.lower = make([]byte, len(text))
	}
	lower := f.lower[:len(text)]
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			// strings.ToLower maps some other letters to ASCII ones (the Kelvin sign to k)
			t := strings.ToLower(text)
			return slices.ContainsFunc(queryWords, func(w string) bool { return strings.Contains(t, w) })
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
		if i == 0 {
			continue
		}
		for ends := wordsEndingIn[lower[i-1]][c]; ends != 0; ends &= ends - 1 {
			w := queryWords[bits.TrailingZeros8(ends)]
			if i+1 >= len(w) && string(lower[i+1-len(w):i+1]) == w {
				return true
			}
		}
	}
	return false
}

// appendKBLines appends lines to dst as MatchLines takes them.
func appendKBLines(dst []knowledge.Line, lines []logread.Line) []knowledge.Line {
	for _, l := range lines {
		dst = append(dst, knowledge.Line{N: l.N, Text: l.Text})
	}
	return dst
}

// textSearch is the full-text search of a log's first error lines.
type textSearch struct {
	hits  []knowledge.SearchHit
	panic error
}

// queryLines are the first maxQueryLines error lines, the text the index is searched for.
func queryLines(lines []logread.Line) []string {
	var query []string
	var words wordFinder
	for _, l := range lines {
		if len(query) < maxQueryLines && words.queryLine(l.Text) {
			query = append(query, l.Text)
		}
	}
	return query
}

// searchText searches the index for the query lines on a goroutine of its own, which sends
// what it found to out.
func searchText(query []string, ix *knowledge.Index, out chan<- textSearch) {
	go func() {
		var res textSearch
		defer func() {
			res.panic = analyze.Recovered(recover())
			out <- res
		}()
		if len(query) == 0 {
			return
		}
		var text strings.Builder
		for _, l := range query {
			text.WriteString(truncate(l, 300))
			text.WriteByte('\n')
		}
		res.hits, _ = ix.Search(text.String(), knowledge.SearchOptions{Limit: 10})
	}()
}

// addTextScores adds a small full-text score from the error lines, so that among entries with
// equal symptom evidence the one whose text fits best comes first, and a log without any exact
// symptom still gets its nearest entries.
func addTextScores(byID map[string]*Match, text textSearch) {
	if text.panic != nil {
		panic(text.panic)
	}
	if len(text.hits) == 0 {
		return
	}
	top := text.hits[0].Score
	for _, h := range text.hits {
		bonus := 0.3 * h.Score / math.Max(top, 1e-9)
		if m := byID[h.Entry.ID]; m != nil {
			m.Score += bonus
			m.TextScore += bonus
		} else {
			byID[h.Entry.ID] = &Match{Entry: h.Entry, Score: bonus, TextScore: bonus}
		}
	}
}

func classMatched(byID map[string]*Match, c class.Class) bool {
	for _, m := range byID {
		if m.Entry.Class == c && len(m.MatchedLines) > 0 {
			return true
		}
	}
	return false
}

func sharesLine(m *Match, f finding.Finding) bool {
	for _, e := range f.Evidence {
		if hasLine(m.MatchedLines, e.Line) {
			return true
		}
	}
	return false
}

func evidenceLines(f finding.Finding) []knowledge.Line {
	var out []knowledge.Line
	for _, e := range f.Evidence {
		out = append(out, knowledge.Line{N: e.Line, Text: e.Text})
	}
	return out
}

func hasLine(lines []knowledge.Line, n int) bool {
	for _, l := range lines {
		if l.N == n {
			return true
		}
	}
	return false
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
