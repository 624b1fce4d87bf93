package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/cxlog/cxlog/knowledge/explain"
	"github.com/spf13/cobra"
)

const explainSchema = "cxlog.explain/v1"

type explainOptions struct {
	Path string
	JSON bool
	KB   kbOptions
}

func newExplainCmd(io *IO) *cobra.Command {
	opts := explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain [--json] [FILE|-]",
		Short: "Explain a pasted error: root cause, fix and sources from the knowledge base",
		Long: `Read a log or a pasted error (a file, or standard input when no file or "-" is given),
match its lines against the knowledge base's symptoms, add the structural findings of
'cxlog check', and rank the known failures: exact symptoms and structural evidence first,
full-text score after. When nothing matches well the class is "unknown" and the nearest
entries are shown. --json prints schema "` + explainSchema + `".` + exitCodesHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = "-"
			if len(args) == 1 {
				opts.Path = args[0]
			}
			return runExplain(io, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	opts.KB.register(cmd)
	return cmd
}

func explainPath(io *IO, path string, kb kbOptions) (explain.Result, error) {
	b, err := kb.load()
	if err != nil {
		return explain.Result{}, err
	}
	ix, err := openIndex(b)
	if err != nil {
		return explain.Result{}, err
	}
	defer ix.Close()
	in, err := explain.ReadInput(path, io.In)
	if err != nil {
		return explain.Result{}, exitWith(exitUsage, "%v", err)
	}
	return explain.Explain(in.Lines, in.Log, b, ix), nil
}

func runExplain(io *IO, opts explainOptions) error {
	if opts.Path == "-" && io.InTTY {
		fmt.Fprintln(io.Err, "cxlog: reading the error from standard input: paste it, then press Ctrl-D")
	}
	res, err := explainPath(io, opts.Path, opts.KB)
	if err != nil {
		return err
	}
	out := bufio.NewWriter(io.Out)
	defer out.Flush()
	if opts.JSON {
		return writeJSON(out, explainJSON(opts.Path, res))
	}
	renderExplain(out, io, res)
	return nil
}

type matchJSON struct {
	ID           string      `json:"id"`
	Class        string      `json:"class"`
	Score        float64     `json:"score"`
	Confidence   string      `json:"confidence"`
	Title        string      `json:"title"`
	MatchedLines []lineJSON  `json:"matched_lines"`
	Cause        string      `json:"cause"`
	Fix          string      `json:"fix"`
	Actions      []actionRef `json:"actions,omitempty"`
	Sources      []string    `json:"sources"`
	Quotes       []quoteJSON `json:"quotes,omitempty"`
}

// quoteJSON is a name from the user's log that the match is about (a program, flag, crate).
type quoteJSON struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type lineJSON struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

type actionRef struct {
	Kind   string   `json:"kind"`
	Name   string   `json:"name,omitempty"`
	Value  string   `json:"value,omitempty"`
	Target string   `json:"target,omitempty"`
	Crate  string   `json:"crate,omitempty"`
	Flags  []string `json:"flags,omitempty"`
}

func explainJSON(path string, res explain.Result) any {
	matches := []matchJSON{}
	for _, m := range res.Matches {
		mj := matchJSON{ID: m.Entry.ID, Class: string(m.Entry.Class), Score: round2(m.Score), Confidence: m.Confidence, Title: m.Entry.Title,
			MatchedLines: []lineJSON{}, Cause: strings.TrimSpace(m.Entry.Cause), Fix: strings.TrimSpace(m.Entry.Fix), Sources: m.Entry.Sources}
		for _, l := range m.MatchedLines {
			mj.MatchedLines = append(mj.MatchedLines, lineJSON{l.N, l.Text})
		}
		for _, q := range m.Quotes {
			mj.Quotes = append(mj.Quotes, quoteJSON(q))
		}
		for _, a := range m.Entry.Actions {
			mj.Actions = append(mj.Actions, actionRef{a.Kind, a.Name, a.Value, a.Target, a.Crate, a.Flags})
		}
		matches = append(matches, mj)
	}
	return struct {
		Schema     string      `json:"schema"`
		Input      string      `json:"input"`
		Class      string      `json:"class"`
		Confidence float64     `json:"confidence"`
		Matches    []matchJSON `json:"matches"`
	}{explainSchema, path, string(res.Class), round2(res.Confidence), matches}
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func renderExplain(w io.Writer, io *IO, res explain.Result) {
	if string(res.Class) == "unknown" {
		fmt.Fprintf(w, "unknown: nothing in the knowledge base matches this log well enough (confidence %.2f, a class needs %.2f).\n", res.Confidence, explain.AnswerConfidence)
		if len(res.Matches) > 0 {
			fmt.Fprintln(w, "Best guesses:")
			for _, m := range res.Matches {
				fmt.Fprintf(w, "  %s [%s] %s (score %.2f)\n", m.Entry.ID, m.Entry.Class, m.Entry.Title, m.Score)
			}
		}
		return
	}
	for i, m := range res.Matches {
		if i > 0 && m.Confidence == "low" {
			break
		}
		head := fmt.Sprintf("%d. [%s] %s", i+1, m.Entry.Class, m.Entry.Title)
		fmt.Fprintln(w, paint(io, head, map[bool]string{true: "high", false: "medium"}[i == 0]))
		fmt.Fprintf(w, "   id: %s   confidence: %s (score %.2f)\n", m.Entry.ID, m.Confidence, m.Score)
		if len(m.MatchedLines) > 0 {
			fmt.Fprintln(w, "   matched:")
			for _, l := range m.MatchedLines {
				fmt.Fprintf(w, "     %d: %s\n", l.N, truncate(strings.TrimSpace(l.Text), 160))
			}
		}
		for _, f := range m.Findings {
			fmt.Fprintf(w, "   structural evidence: %s\n", truncate(f.Message, 200))
		}
		if len(m.Quotes) > 0 {
			var names []string
			for _, q := range m.Quotes {
				names = append(names, q.Name+" `"+q.Value+"`")
			}
			fmt.Fprintf(w, "   in your log: %s\n", strings.Join(names, ", "))
		}
		fmt.Fprintf(w, "   cause: %s\n", wrap(strings.TrimSpace(m.Entry.Cause), 96, "          "))
		fmt.Fprintf(w, "   fix: %s\n", wrap(strings.TrimSpace(m.Entry.Fix), 96, "        "))
		for _, s := range m.Entry.Sources {
			fmt.Fprintf(w, "   source: %s\n", s)
		}
		fmt.Fprintln(w)
	}
}
