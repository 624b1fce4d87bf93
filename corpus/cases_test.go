package corpus

import "testing"

func TestLoadCasesReadsEveryLabelledPublicLog(t *testing.T) {
	cases, err := LoadCases("public")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 103 {
		t.Fatalf("%d labelled public cases, want 103", len(cases))
	}
	for _, c := range cases {
		if c.Source == "" || c.Title == "" {
			t.Errorf("%s: source %q title %q", c.Path, c.Source, c.Title)
		}
	}
}

func TestReadExpected(t *testing.T) {
	rows, err := ReadExpected("seed/expected.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 || rows[0].Command != "explain" || !rows[0].Accepts("host-linker-for-target") || rows[1].Accepts("unknown") {
		t.Fatalf("rows: %+v", rows)
	}
}
