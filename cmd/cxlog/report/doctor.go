package report

import "github.com/cxlog/cxlog/analyze/cargoconf"

// DoctorSchema is the JSON schema of cxlog doctor.
const DoctorSchema = cargoconf.Schema

// Doctor is what cargo will hand rustc, predicted from the project's inputs.
type Doctor struct{ *cargoconf.Report }

func (*Doctor) Schema() string { return DoctorSchema }

// DoctorJSON is cxlog.doctor/v1: the report's fields beside the schema. Problems and targets
// are always arrays.
type DoctorJSON struct {
	Schema string `json:"schema"`
	*cargoconf.Report
}

func (r *Doctor) wire() any {
	rep := *r.Report
	rep.Problems = nonNil(rep.Problems)
	rep.Targets = nonNil(rep.Targets)
	rep.Files = nonNil(rep.Files)
	return DoctorJSON{DoctorSchema, &rep}
}
