package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cxlog/cxlog/analyze"
	"github.com/cxlog/cxlog/analyze/class"
	"github.com/cxlog/cxlog/analyze/finding"
	"github.com/cxlog/cxlog/knowledge/evaluate"
	"github.com/invopop/jsonschema"
)

var updateSchemas = flag.Bool("update", false, "rewrite schema/*.json from the wire types")

// wireTypes are the Go types each cxlog.*/v1 schema's JSON is written from (wire.go).
var wireTypes = map[string]any{
	DiffSchema: DiffJSON{}, CheckSchema: CheckJSON{}, ExplainSchema: ExplainJSON{}, SearchSchema: SearchJSON{},
	KBSchema: KBJSON{}, KBLintSchema: KBLintJSON{}, evaluate.Schema: evaluate.Report{}, FixSchema: FixJSON{}, VerifySchema: VerifyJSON{},
	DoctorSchema: DoctorJSON{}, RecordSchema: RecordJSON{},
	ScanSchema: scanWire{}, ScanGroupSchema: scanGroupWire{},
}

// recordTypes are parse's records, by their "type" (RecordType).
var recordTypes = []analyze.Record{&analyze.Invocation{}, &analyze.LinkerCommand{}, &analyze.Diagnostic{}, &analyze.EnvVar{},
	&analyze.CargoCommand{}, &analyze.NixTrace{}, &analyze.ParseError{}}

// SchemaFile is where a schema's JSON Schema lives: schema/cxlog.diff.v1.json for cxlog.diff/v1.
func SchemaFile(name string) string {
	return filepath.Join("schema", strings.ReplaceAll(name, "/", ".")+".json")
}

// TestSchemaFilesMatchWireTypes keeps schema/*.json what the wire types write: a change to a
// wire type fails here until the schema file is regenerated (go test ./cmd/cxlog/report -run
// Schema -update) and the change reviewed, which is where a reader-breaking change shows.
// Every field without omitempty is required, no other field is allowed, a list is never null,
// and class and severity are the taxonomy's names.
func TestSchemaFilesMatchWireTypes(t *testing.T) {
	schemas := map[string]*jsonschema.Schema{ParseSchema: parseSchema()}
	for name, v := range wireTypes {
		schemas[name] = (&jsonschema.Reflector{ExpandedStruct: true}).Reflect(v)
	}
	for name, s := range schemas {
		s.ID = jsonschema.ID("https://github.com/cxlog/cxlog/cmd/cxlog/report/" + filepath.ToSlash(SchemaFile(name)))
		s.Title = name
		s.Properties.Set("schema", &jsonschema.Schema{Type: "string", Const: name})
		if name == FixSchema {
			constrainSchemaFields(s)
		}
		constrain(s, name == ExplainSchema)
		got, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := SchemaFile(name)
		if *updateSchemas {
			if err := os.MkdirAll("schema", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./cmd/cxlog/report -run Schema -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s no longer describes the %s wire type: regenerate it with -update and review the change", path, name)
		}
	}
	files, _ := filepath.Glob("schema/*.json")
	if len(files) != len(schemas) {
		t.Errorf("schema/ has %d files, want one per schema (%d)", len(files), len(schemas))
	}
}

// parseSchema is cxlog.parse/v1: files, each with its records (one object per record, its
// "type" first) and the number of lines read.
func parseSchema() *jsonschema.Schema {
	r := &jsonschema.Reflector{}
	var oneOf []*jsonschema.Schema
	defs := jsonschema.Definitions{}
	for _, rec := range recordTypes {
		for k, d := range r.ReflectFromType(reflect.TypeOf(rec)).Definitions {
			defs[k] = d
		}
	}
	// a record is its type's object with "type" first; the type's own definition stays as
	// it is for where it is nested in another record
	for _, rec := range recordTypes {
		name := reflect.TypeOf(rec).Elem().Name()
		def := *defs[name]
		props := jsonschema.NewProperties()
		props.Set("type", &jsonschema.Schema{Type: "string", Const: analyze.RecordType(rec)})
		for p := def.Properties.Oldest(); p != nil; p = p.Next() {
			props.Set(p.Key, p.Value)
		}
		def.Properties = props
		def.Required = append([]string{"type"}, def.Required...)
		recName := "record_" + analyze.RecordType(rec)
		defs[recName] = &def
		oneOf = append(oneOf, &jsonschema.Schema{Ref: "#/$defs/" + recName})
	}
	type fileJSON struct {
		Name    string `json:"name"`
		Records []any  `json:"records"`
		Lines   int    `json:"lines"`
	}
	type parseJSON struct {
		Schema string     `json:"schema"`
		Files  []fileJSON `json:"files"`
	}
	s := (&jsonschema.Reflector{ExpandedStruct: true}).Reflect(parseJSON{})
	for k, d := range defs {
		s.Definitions[k] = d
	}
	file, _ := s.Definitions["fileJSON"].Properties.Get("records")
	file.Items = &jsonschema.Schema{OneOf: oneOf}
	return s
}

// classDefs are the wire objects whose "class" is a root-cause class and "severity" a finding's.
var classDefs = map[string]bool{"Finding": true, "MatchJSON": true, "HitJSON": true, "KBEntryJSON": true}

// constrain gives class and severity the taxonomy's and the findings' names, in the objects
// of classDefs (and at the top of explain's schema).
func constrain(s *jsonschema.Schema, top bool) {
	if top {
		constrainObject(s)
	}
	for name, d := range s.Definitions {
		if classDefs[name] {
			constrainObject(d)
		}
	}
}

func constrainObject(s *jsonschema.Schema) {
	if p, ok := s.Properties.Get("class"); ok && p.Type == "string" {
		p.Enum = nil
		for _, c := range class.All {
			p.Enum = append(p.Enum, string(c))
		}
	}
	if p, ok := s.Properties.Get("severity"); ok && p.Type == "string" {
		p.Enum = []any{finding.High, finding.Medium, finding.Low}
	}
}

// constrainSchemaFields: a nested result's "schema" (fix's verify) names its own schema.
func constrainSchemaFields(s *jsonschema.Schema) {
	if d, ok := s.Definitions["VerifyJSON"]; ok {
		d.Properties.Set("schema", &jsonschema.Schema{Type: "string", Const: VerifySchema})
	}
}
