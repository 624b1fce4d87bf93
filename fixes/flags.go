package fixes

import "strings"

// flagUnit is one rustc flag with its value, however it was split into words:
// "-C", "link-arg=-Tlink.x" and "-Clink-arg=-Tlink.x" are the same unit.
type flagUnit struct {
	canon string
	words []int // indexes of its words
}

// optionsWithValue are rustc options whose value may be the next word.
var optionsWithValue = map[string]bool{
	"-C": true, "--cfg": true, "-L": true, "-l": true, "--target": true, "-Z": true,
	"-A": true, "-W": true, "-D": true, "-F": true, "--cap-lints": true, "--check-cfg": true,
	"--codegen": true,
}

// flagUnits groups words (a rustflags array, or words split at spaces) into units.
func flagUnits(words []string) []flagUnit {
	var units []flagUnit
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case optionsWithValue[w] && i+1 < len(words):
			units = append(units, flagUnit{canonFlag(w, words[i+1]), []int{i, i + 1}})
			i++
		case len(w) > 2 && (strings.HasPrefix(w, "-C") || strings.HasPrefix(w, "-Z")) && w[2] != '-':
			units = append(units, flagUnit{canonFlag(w[:2], w[2:]), []int{i}})
		case strings.HasPrefix(w, "--") && strings.Contains(w, "=") && optionsWithValue[w[:strings.Index(w, "=")]]:
			k := strings.Index(w, "=")
			units = append(units, flagUnit{canonFlag(w[:k], w[k+1:]), []int{i}})
		default:
			units = append(units, flagUnit{w, []int{i}})
		}
	}
	return units
}

func canonFlag(option, value string) string {
	if option == "--codegen" {
		option = "-C"
	}
	return option + " " + value
}

// actionWords splits an action's flags into words: "-C target-feature=+a" is two.
func actionWords(flags []string) []string {
	var words []string
	for _, f := range flags {
		words = append(words, strings.Fields(f)...)
	}
	return words
}
