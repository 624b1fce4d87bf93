package knowledge

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// parseEntry reads one entry file: front matter, translation, validation. fileName is the base
// name the id must equal; origin names the file in errors.
func parseEntry(origin, fileName string, data []byte) (*Entry, error) {
	yamlText, body, err := splitFrontMatter(data)
	if err != nil {
		return nil, &EntryError{File: origin, Reason: err.Error()}
	}
	var raw rawEntry
	decoder := yaml.NewDecoder(bytes.NewReader(yamlText))
	decoder.KnownFields(true)
	if err := decoder.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("front matter is empty")
		}
		return nil, &EntryError{File: origin, Reason: "broken YAML: " + oneLine(err.Error())}
	}
	entry, err := translate(raw)
	if err != nil {
		return nil, &EntryError{File: origin, Reason: err.Error()}
	}
	if err := validate(entry, strings.TrimSuffix(fileName, ".md")); err != nil {
		return nil, &EntryError{File: origin, Reason: err.Error()}
	}
	entry.Body = string(body)
	entry.Origin = origin
	entry.raw = data
	return entry, nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
