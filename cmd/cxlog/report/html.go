package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/analyze/normal"
	"github.com/cxlog/cxlog/grammar/logread"
)

// HTML is the format of a report a person opens in a browser.
const HTML = "html"

func init() { Register(HTML, func(o Options) Reporter { return htmlReporter{o} }) }

// htmlReporter writes one self-contained page (html.tmpl: no script, no font or request
// beyond the file, light and dark by prefers-color-scheme) for diff and check (each finding's
// evidence good beside bad, the changed settings marked, the fix, the sources as links, the
// raw differences folded), explain (the matched lines in their context) and eval (the
// confusion table and the misses). Every text is sanitised first and escaped by html/template.
type htmlReporter struct{ opts Options }

//go:embed html.tmpl
var htmlTemplate string

// htmlPageTemplate is parsed on first use: most runs write no HTML.
var htmlPageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(htmlTemplate))
})

type htmlPage struct {
	Kind, Subject string
	Issues        []htmlIssue
	Differences   []htmlDifference
	Eval          *htmlEval
	Empty         string // what an empty report says
}

type htmlIssue struct {
	N                                    int
	Top                                  bool
	Class, Name, RuleID, Severity, Crate string
	Message, Cause, Fix                  string
	Sources                              []htmlLink
	Changed                              []change
	Good, Bad, Lines                     []htmlLine
	Context                              [][]htmlLine // explain: each matched line with the lines around it
}

type htmlLink struct{ Text, URL string }

type htmlLine struct {
	File  string
	N     int
	Match bool
	Segs  []htmlSeg
}

// htmlSeg is a run of a line's text; Mark is a word the other build's line lacks.
type htmlSeg struct {
	Text string
	Mark bool
}

type htmlDifference struct{ Crate, Aspect, Good, Bad string }

type htmlEval struct {
	Total, Top1, Top3, Answered, Right string
	Columns                            []string
	Rows                               []htmlConfusionRow
	Misses                             []htmlMiss
	Reliability                        []htmlBucket
}

type htmlConfusionRow struct {
	Class string
	Cells []htmlCell
}

type htmlCell struct {
	N     int
	Right bool // the cases of the cell were answered right (the label, or its accepted class)
}

type htmlMiss struct{ Path, Class, Predicted, Confidence string }

type htmlBucket struct{ Range, Cases, Right string }

const htmlContextLines = 2

func (h htmlReporter) Write(w io.Writer, r Result) error {
	page := htmlPage{Kind: strings.Fields(subject(r))[0], Subject: Sanitize(subject(r))}
	switch r := r.(type) {
	case *Eval:
		page.Kind, page.Subject = "eval", fmt.Sprintf("explain measured on %s", plural(r.Total, "labelled case"))
		page.Eval = htmlEvalOf(r)
	default:
		is, err := issues(r, h.opts, HTML)
		if err != nil {
			return err
		}
		var diffs []finding.Difference
		if d, ok := r.(*Diff); ok {
			diffs = d.Differences
			page.Empty = "No differences that matter."
		} else {
			page.Empty = "No known cause found."
		}
		for n, i := range is {
			page.Issues = append(page.Issues, htmlIssueOf(n, i, diffs))
		}
		if e, ok := r.(*Explain); ok {
			addContext(page.Issues, e.Input)
		}
		for _, d := range diffs {
			page.Differences = append(page.Differences, htmlDifference{Crate: Sanitize(dash(d.Crate)), Aspect: Sanitize(aspect(d)),
				Good: Sanitize(normal.Value(strings.Join(d.Removed, " "))), Bad: Sanitize(normal.Value(strings.Join(d.Added, " ")))})
		}
	}
	var b bytes.Buffer
	if err := htmlPageTemplate().Execute(&b, page); err != nil {
		return err
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return &WriteError{Err: err}
	}
	return nil
}

func aspect(d finding.Difference) string {
	if d.Key != "" && d.Key != d.Aspect {
		return d.Aspect + " " + d.Key
	}
	return d.Aspect
}

func htmlIssueOf(n int, i issue, diffs []finding.Difference) htmlIssue {
	name := i.Title
	if _, after, ok := strings.Cut(i.Title, "] "); ok {
		name = after
	}
	hi := htmlIssue{N: n + 1, Top: n == 0, Class: i.Class, Name: name, RuleID: i.Rule.ID, Severity: i.Severity, Crate: i.Crate,
		Message: i.Message, Fix: i.Fix, Changed: i.Changed}
	if i.Cause != "" && !strings.HasPrefix(i.Message, i.Cause) {
		hi.Cause = i.Cause
	}
	for _, s := range i.Sources {
		link := htmlLink{Text: s}
		if u, err := url.Parse(s); err == nil && (u.Scheme == "https" || u.Scheme == "http") {
			link.URL = s
		}
		hi.Sources = append(hi.Sources, link)
	}
	if len(hi.Changed) == 0 {
		hi.Changed = crateChanges(i.Crate, diffs)
	}
	var good, bad []finding.Evidence
	for _, e := range i.Evidence {
		switch e.Side {
		case "good":
			good = append(good, e)
		case "bad":
			bad = append(bad, e)
		default:
			hi.Lines = append(hi.Lines, htmlLine{File: logPath(e.File), N: e.Line, Segs: []htmlSeg{{Text: e.Text}}})
		}
	}
	goodWords, badWords := words(good), words(bad)
	for _, e := range good {
		hi.Good = append(hi.Good, htmlLine{File: logPath(e.File), N: e.Line, Segs: markWords(e.Text, badWords, len(bad) > 0)})
	}
	for _, e := range bad {
		hi.Bad = append(hi.Bad, htmlLine{File: logPath(e.File), N: e.Line, Segs: markWords(e.Text, goodWords, len(good) > 0)})
	}
	return hi
}

// crateChanges are the raw differences of the finding's crate, as changed settings.
func crateChanges(crate string, diffs []finding.Difference) []change {
	if crate == "" {
		return nil
	}
	var out []change
	for _, d := range diffs {
		if Sanitize(d.Crate) != crate {
			continue
		}
		setting := d.Key
		if setting == "" {
			setting = d.Aspect
		}
		out = append(out, change{Setting: Sanitize(setting), Good: Sanitize(normal.Value(strings.Join(d.Removed, " "))),
			Bad: Sanitize(normal.Value(strings.Join(d.Added, " ")))})
	}
	return out
}

func words(ev []finding.Evidence) map[string]bool {
	m := map[string]bool{}
	for _, e := range ev {
		for _, w := range strings.Fields(e.Text) {
			m[w] = true
		}
	}
	return m
}

// markWords splits text into runs, marking the words the other side lacks.
func markWords(text string, other map[string]bool, compare bool) []htmlSeg {
	if !compare {
		return []htmlSeg{{Text: text}}
	}
	var segs []htmlSeg
	for i, w := range strings.Fields(text) {
		if i > 0 {
			segs = appendSeg(segs, " ", false)
		}
		segs = appendSeg(segs, w, !other[w])
	}
	return segs
}

func appendSeg(segs []htmlSeg, s string, mark bool) []htmlSeg {
	if n := len(segs); n > 0 && segs[n-1].Mark == mark {
		segs[n-1].Text += s
		return segs
	}
	return append(segs, htmlSeg{Text: s, Mark: mark})
}

// addContext reads the explained log again for the lines around each matched line. A log
// that cannot be read again (standard input) keeps the matched lines alone.
func addContext(is []htmlIssue, path string) {
	want := map[int]bool{}
	for _, i := range is {
		for _, l := range i.Lines {
			for n := l.N - htmlContextLines; n <= l.N+htmlContextLines; n++ {
				want[n] = true
			}
		}
	}
	if len(want) == 0 || path == "-" {
		return
	}
	src, err := logread.Open(path, nil)
	if err != nil {
		return
	}
	defer src.Close()
	last := 0
	for n := range want {
		last = max(last, n)
	}
	text := map[int]string{}
	for lines := logread.NewLines(src); lines.Next(); {
		l := lines.Line()
		if want[l.N] {
			text[l.N] = Sanitize(Truncate(l.Text, 2000))
		}
		if l.N >= last {
			break
		}
	}
	for k := range is {
		is[k].Context = contextBlocks(is[k].Lines, text)
	}
}

// contextBlocks are the matched lines with the lines around them, overlapping windows joined.
func contextBlocks(matched []htmlLine, text map[int]string) [][]htmlLine {
	match := map[int]bool{}
	var ns []int
	for _, m := range matched {
		if !match[m.N] {
			match[m.N] = true
			ns = append(ns, m.N)
		}
	}
	sort.Ints(ns)
	var blocks [][]htmlLine
	end := -1 // the last line of the current block
	for _, m := range ns {
		if end < 0 || m-htmlContextLines > end+1 {
			blocks = append(blocks, nil)
		}
		from := max(m-htmlContextLines, end+1)
		for n := from; n <= m+htmlContextLines; n++ {
			if t, ok := text[n]; ok {
				blocks[len(blocks)-1] = append(blocks[len(blocks)-1], htmlLine{N: n, Match: match[n], Segs: []htmlSeg{{Text: t}}})
			}
		}
		end = m + htmlContextLines
	}
	return blocks
}

func htmlEvalOf(r *Eval) *htmlEval {
	rep := r.Report
	e := &htmlEval{
		Total: fmt.Sprint(rep.Total), Top1: ratioText(rep.Top1, rep.Total), Top3: ratioText(rep.Top3, rep.Total),
		Answered: ratioText(rep.Answered, rep.Total), Right: ratioText(rep.Right, rep.Answered),
	}
	counts, wrong := map[[2]string]int{}, map[[2]string]int{}
	var rows, cols []string
	for _, c := range rep.Cases {
		predicted := string(class.Unknown)
		if len(c.Predicted) > 0 {
			predicted = c.Predicted[0]
		}
		counts[[2]string{c.Class, predicted}]++
		if !c.Top1 {
			wrong[[2]string{c.Class, predicted}]++
		}
		if !slices.Contains(rows, c.Class) {
			rows = append(rows, c.Class)
		}
		if !slices.Contains(cols, predicted) {
			cols = append(cols, predicted)
		}
		if !c.Top1 {
			e.Misses = append(e.Misses, htmlMiss{Path: Sanitize(c.Path), Class: Sanitize(c.Class), Predicted: Sanitize(strings.Join(c.Predicted, ", ")),
				Confidence: fmt.Sprintf("%.2f", c.Confidence)})
		}
	}
	sort.Strings(rows)
	sort.Strings(cols)
	e.Columns = sanitizeAll(cols)
	for _, row := range rows {
		cr := htmlConfusionRow{Class: Sanitize(row)}
		for _, col := range cols {
			k := [2]string{row, col}
			cr.Cells = append(cr.Cells, htmlCell{N: counts[k], Right: counts[k] > 0 && wrong[k] == 0})
		}
		e.Rows = append(e.Rows, cr)
	}
	for _, b := range rep.Reliability {
		high := fmt.Sprintf("%.2f", b.High)
		if b.High == 0 {
			high = "1.00"
		}
		e.Reliability = append(e.Reliability, htmlBucket{Range: fmt.Sprintf("%.2f – %s", b.Low, high), Cases: fmt.Sprint(b.Cases),
			Right: ratioText(b.GuessRight, b.Cases)})
	}
	return e
}

func ratioText(n, of int) string {
	if of == 0 {
		return fmt.Sprintf("%d of 0", n)
	}
	return fmt.Sprintf("%d of %d (%.0f%%)", n, of, 100*float64(n)/float64(of))
}
