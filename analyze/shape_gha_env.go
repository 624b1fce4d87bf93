package analyze

import "strings"

// A GitHub Actions step log shows the step's environment as an env: block of "  KEY: value"
// lines after the step's command.
func init() {
	register(recognizer{name: "github-step-env", order: orderBlock, start: func(s *scanner, l *line) bool {
		if l.Text != "env:" {
			return false
		}
		s.open = &stepEnv{start: l.N}
		return true
	}})
}

// stepEnv is a step's env: block being read.
type stepEnv struct{ start int }

func (c *stepEnv) firstLine() int    { return c.start }
func (c *stepEnv) holds(int) bool    { return false }
func (c *stepEnv) end(*scanner, int) {}

func (c *stepEnv) next(s *scanner, l *line) step {
	rest, ok := strings.CutPrefix(l.Text, "  ")
	if !ok {
		return notMine
	}
	key, value, ok := strings.Cut(rest, ": ")
	if !ok {
		key, ok = strings.CutSuffix(rest, ":") // an empty value
	}
	if !ok || !looksLikeEnvKey(key) {
		return notMine
	}
	e := newEnvVar(key, value, l.N)
	s.emit(&e)
	return more
}
