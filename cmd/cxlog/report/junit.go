package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cxlog/cxlog/build"
)

// JUnit is the JUnit XML test report CI systems show in their test tabs.
const JUnit = "junit"

func init() { Register(JUnit, func(Options) Reporter { return junitReporter{} }) }

// junitReporter writes a verify run as one test suite: a test case per scenario step, or
// per --expect text without a scenario; a crash or a failed phase is the failure of the
// case it ended. Only verify results have a JUnit form.
type junitReporter struct{}

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	ClassName string        `xml:"classname,attr"`
	Name      string        `xml:"name,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func (junitReporter) Write(w io.Writer, r Result) error {
	var rep build.Report
	switch v := r.(type) {
	case *Verify:
		rep = v.Report
	case *Fix:
		if v.Proof == nil || v.Proof.Verify == nil {
			return &UnsupportedError{JUnit, r.Schema()}
		}
		rep = v.Proof.Verify.Report
	default:
		return &UnsupportedError{JUnit, r.Schema()}
	}
	suite := junitVerify(rep)
	data, err := xml.MarshalIndent(junitSuites{Suites: []junitSuite{suite}}, "", "  ")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, xml.Header+string(data)+"\n"); err != nil {
		return &WriteError{err}
	}
	return nil
}

func junitVerify(r build.Report) junitSuite {
	suite := junitSuite{Name: "cxlog verify"}
	var total time.Duration
	for _, d := range r.Durations {
		total += d
	}
	suite.Time = seconds(total)
	failure := func() *junitFailure {
		return &junitFailure{Message: junitText(OneLineOrEmpty(r.Err)), Type: r.Outcome.String(), Body: junitText(crashBody(r.Crash))}
	}
	add := func(c junitCase) {
		c.ClassName = "cxlog.verify"
		suite.Cases = append(suite.Cases, c)
		suite.Tests++
		if c.Failure != nil {
			suite.Failures++
		}
		if c.Skipped != nil {
			suite.Skipped++
		}
	}
	switch {
	case len(r.Steps) > 0:
		for _, s := range r.Steps {
			c := junitCase{Name: junitText(fmt.Sprintf("%d %s", s.Index, s.Name)), Time: seconds(s.Elapsed)}
			switch {
			case s.Ran && !s.Passed:
				c.Failure = failure()
			case !s.Ran:
				c.Skipped = &junitSkipped{Message: "an earlier step ended the run"}
			}
			add(c)
		}
	case r.Phase == build.PhaseWaiting || r.Outcome == build.OutcomePassed:
		for _, text := range r.Seen {
			add(junitCase{Name: junitText("expect " + fmt.Sprintf("%q", text)), Time: "0"})
		}
		for i, text := range r.Missing {
			c := junitCase{Name: junitText("expect " + fmt.Sprintf("%q", text)), Time: "0"}
			if i == 0 && r.Outcome == build.OutcomeExpectNotSeen {
				c.Failure = failure()
			} else {
				c.Skipped = &junitSkipped{Message: "the run ended before it"}
			}
			add(c)
		}
		if r.Outcome != build.OutcomePassed && r.Outcome != build.OutcomeExpectNotSeen {
			add(junitCase{Name: "serial output", Time: seconds(r.Durations[build.PhaseWaiting]), Failure: failure()})
		}
	default:
		add(junitCase{Name: junitText(string(r.Phase)), Time: seconds(r.Durations[r.Phase]), Failure: failure()})
	}
	return suite
}

// OneLineOrEmpty is OneLine of err, or "" for nil.
func OneLineOrEmpty(err error) string {
	if err == nil {
		return ""
	}
	return OneLine(err)
}

func crashBody(c *build.Crash) string {
	if c == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)", c.Class, c.Detector)
	if c.Location != "" {
		fmt.Fprintf(&b, " at %s", c.Location)
	}
	b.WriteString("\n")
	for _, f := range c.Frames {
		fmt.Fprintf(&b, "  %#x %s at %s\n", f.Address, f.Function, f.Location())
	}
	for _, l := range c.Lines {
		b.WriteString("  | " + l + "\n")
	}
	return b.String()
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }

// junitText keeps what XML 1.0 can carry: serial output may hold control bytes, which
// would make the report unreadable; they are shown as \xHH.
func junitText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0xFFFE || r == 0xFFFF {
			fmt.Fprintf(&b, `\x%02x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
