package main

import (
	"time"

	"github.com/cxlog/cxlog/build"
)

const verifySchema = "cxlog.verify/v1"

type verifyJSON struct {
	Schema             string             `json:"schema"`
	Outcome            string             `json:"outcome"`
	ExitCode           int                `json:"exit_code"`
	Phase              string             `json:"phase,omitempty"`
	Error              string             `json:"error,omitempty"`
	Port               string             `json:"port,omitempty"`
	Seen               []string           `json:"seen"`
	Missing            []string           `json:"missing"`
	FailSeen           string             `json:"fail_seen,omitempty"`
	FailLine           string             `json:"fail_line,omitempty"`
	SerialBytes        int64              `json:"serial_bytes"`
	FirstOutputLatency float64            `json:"first_output_latency_ms,omitempty"`
	DurationsMS        map[string]float64 `json:"durations_ms"`
	BuildLog           string             `json:"build_log,omitempty"` // only when the build failed
	Transcript         string             `json:"transcript"`
}

func reportJSON(r build.Report) verifyJSON {
	j := verifyJSON{
		Schema: verifySchema, Outcome: r.Outcome.String(), ExitCode: r.Outcome.ExitCode(), Phase: string(r.Phase),
		Port: r.Port, Seen: nonNil(r.Seen), Missing: nonNil(r.Missing), FailSeen: r.FailSeen, FailLine: r.FailLine,
		SerialBytes: r.SerialBytes, FirstOutputLatency: ms(r.FirstOutputLatency),
		DurationsMS: map[string]float64{}, Transcript: string(r.Transcript),
	}
	if r.Err != nil {
		j.Error = oneLine(r.Err)
	}
	for ph, d := range r.Durations {
		j.DurationsMS[string(ph)] = ms(d)
	}
	if r.Outcome == build.OutcomeBuildFailed {
		j.BuildLog = string(r.BuildLog)
	}
	return j
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
