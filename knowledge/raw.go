package knowledge

// rawEntry is the front matter as written; translate turns it into an Entry.
type rawEntry struct {
	ID      string `yaml:"id"`
	Title   string `yaml:"title"`
	Class   string `yaml:"class"`
	General bool   `yaml:"general"`
	// MinSymptoms: how many distinct symptoms must show before the entry counts (default 1)
	MinSymptoms int          `yaml:"min_symptoms"`
	Symptoms    []rawSymptom `yaml:"symptoms"`
	Applies     struct {
		Targets  []string `yaml:"targets"`
		Tools    []string `yaml:"tools"`
		Versions string   `yaml:"versions"`
	} `yaml:"applies"`
	Cause    string      `yaml:"cause"`
	Fix      string      `yaml:"fix"`
	Actions  []rawAction `yaml:"actions"`
	Sources  []string    `yaml:"sources"`
	Examples struct {
		Match   []string `yaml:"match"`
		NoMatch []string `yaml:"nomatch"`
	} `yaml:"examples"`
}

type rawSymptom struct {
	Text   string   `yaml:"text"`
	Regex  string   `yaml:"regex"`
	Weight *float64 `yaml:"weight"`
}

type rawAction struct {
	Kind       string   `yaml:"kind"`
	Name       string   `yaml:"name"`
	Value      string   `yaml:"value"`
	Target     string   `yaml:"target"`
	Crate      string   `yaml:"crate"`
	Flags      []string `yaml:"flags"`
	Components []string `yaml:"components"`
	Targets    []string `yaml:"targets"`
}
