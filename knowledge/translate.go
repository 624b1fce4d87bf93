package knowledge

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
)

const defaultWeight = 1.0

// translate turns the front matter as written into an Entry with compiled symptoms.
func translate(raw rawEntry) (*Entry, error) {
	entry := &Entry{
		ID:          strings.TrimSpace(raw.ID),
		Title:       strings.TrimSpace(raw.Title),
		Class:       class.Class(strings.TrimSpace(raw.Class)),
		General:     raw.General,
		MinSymptoms: max(raw.MinSymptoms, 1),
		Applies: Applies{
			Targets:  raw.Applies.Targets,
			Tools:    raw.Applies.Tools,
			Versions: raw.Applies.Versions,
		},
		Cause:    strings.TrimSpace(raw.Cause),
		Fix:      strings.TrimSpace(raw.Fix),
		Sources:  raw.Sources,
		Examples: Examples{Match: raw.Examples.Match, NoMatch: raw.Examples.NoMatch},
	}
	for i, rs := range raw.Symptoms {
		symptom, err := translateSymptom(rs)
		if err != nil {
			return nil, fmt.Errorf("symptom %d: %w", i+1, err)
		}
		entry.Symptoms = append(entry.Symptoms, symptom)
	}
	for _, ra := range raw.Actions {
		entry.Actions = append(entry.Actions, Action(ra))
	}
	return entry, nil
}

func translateSymptom(raw rawSymptom) (Symptom, error) {
	symptom := Symptom{Text: raw.Text, Regex: raw.Regex, Weight: defaultWeight}
	if raw.Weight != nil {
		if *raw.Weight <= 0 {
			return Symptom{}, fmt.Errorf("weight %v is not above 0", *raw.Weight)
		}
		symptom.Weight = *raw.Weight
	}
	switch {
	case raw.Text != "" && raw.Regex != "":
		return Symptom{}, errors.New("has both text and regex; give one")
	case raw.Text != "" && plainText(raw.Text, raw.Regex):
		symptom.required = literalSet{literals: []string{raw.Text}}
	case raw.Text != "" || raw.Regex != "":
		expr := symptomExpr(raw.Text, raw.Regex)
		compiled, err := regexp.Compile(expr)
		if err != nil {
			if _, asWritten := regexp.Compile(raw.Regex); asWritten != nil {
				err = asWritten
			}
			return Symptom{}, fmt.Errorf("regex does not compile: %s", regexProblem(err))
		}
		symptom.compiled = compiledRegexp(compiled)
		symptom.required, symptom.alsoRequired = regexLiterals(expr)
	default:
		return Symptom{}, errors.New("has neither text nor regex")
	}
	return symptom, nil
}

// regexProblem says what is wrong with a regex on one line: regexp's own message quotes
// the expression raw, newlines and all.
func regexProblem(err error) string {
	if syntaxErr, ok := errors.AsType[*syntax.Error](err); ok {
		return fmt.Sprintf("%s in %q", syntaxErr.Code, syntaxErr.Expr)
	}
	return oneLine(err.Error())
}
