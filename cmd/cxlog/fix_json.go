package main

import "github.com/cxlog/cxlog/fixes"

const fixSchema = "cxlog.fix/v1"

// fixJSON is what `cxlog fix --json` prints: the plan and what became of it.
type fixJSON struct {
	Schema  string      `json:"schema"`
	Entry   string      `json:"entry"`
	Title   string      `json:"title"`
	Project string      `json:"project"`
	Files   []fileJSON  `json:"files"`
	Env     []envJSON   `json:"env"`
	Notes   []string    `json:"notes"`
	Sandbox string      `json:"sandbox,omitempty"`
	Written []string    `json:"written,omitempty"`
	Backups []string    `json:"backups,omitempty"`
	Verify  *verifyJSON `json:"verify,omitempty"`
	Proven  bool        `json:"proven"`
	plan    *fixes.Plan // nil until planned
}

type fileJSON struct {
	Path    string   `json:"path"`
	Created bool     `json:"created"`
	Steps   []string `json:"steps"`
	Diff    string   `json:"diff"`
}

type envJSON struct {
	Name        string `json:"name"`
	Value       string `json:"value,omitempty"`
	Unset       bool   `json:"unset"`
	Instruction string `json:"instruction"`
}

func (j *fixJSON) setPlan(p *fixes.Plan) {
	j.plan = p
	j.Project = p.Dir
	j.Files, j.Env, j.Notes = []fileJSON{}, []envJSON{}, nonNil(p.Notes)
	for _, c := range p.Files {
		j.Files = append(j.Files, fileJSON{c.Path, c.Created, c.Steps, c.Diff()})
	}
	for _, e := range p.Env {
		j.Env = append(j.Env, envJSON{e.Name, e.Value, e.Unset, e.Instruction()})
	}
}
