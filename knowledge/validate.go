package knowledge

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cxlog/cxlog/analyze/class"
)

// validate checks what makes an entry unusable; Lint checks what makes it poor.
func validate(entry *Entry, fileID string) error {
	switch {
	case entry.ID == "":
		return errors.New("missing id")
	case entry.ID != fileID:
		return fmt.Errorf("id %q differs from the file name %q", entry.ID, fileID+".md")
	case entry.Title == "":
		return errors.New("missing title")
	case entry.Class == "":
		return errors.New("missing class")
	case !class.Valid(string(entry.Class)):
		return fmt.Errorf("unknown class %q (see shared/taxonomy.md)", entry.Class)
	case len(entry.Symptoms) == 0:
		return errors.New("missing symptoms")
	case len(entry.Sources) == 0:
		return errors.New("missing sources")
	}
	for i, action := range entry.Actions {
		if err := validateAction(action); err != nil {
			return fmt.Errorf("action %d: %w", i+1, err)
		}
	}
	return nil
}

func validateAction(action Action) error {
	if !slices.Contains(ActionKinds, action.Kind) {
		return fmt.Errorf("unknown kind %q (see SCHEMA.md)", action.Kind)
	}
	switch action.Kind {
	case "add-feature", "set-dependency-version":
		if !validCrateName(action.Crate) {
			return fmt.Errorf("%s crate %q is not a crate name ([A-Za-z][A-Za-z0-9_-]*)", action.Kind, action.Crate)
		}
		return nil
	case "set-env", "unset-env":
	default:
		return nil
	}
	switch {
	case action.Name == "":
		return fmt.Errorf("%s needs a name", action.Kind)
	case !ValidEnvName(action.Name):
		return fmt.Errorf("%s name %q is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)", action.Kind, action.Name)
	case strings.ContainsRune(action.Value, 0):
		return fmt.Errorf("%s value of %s contains a NUL byte", action.Kind, action.Name)
	}
	return nil
}

// ValidEnvName says whether name is a portable environment variable name: the only kind
// a set-env or unset-env action may carry, so that no name is ever shell text.
func ValidEnvName(name string) bool {
	for i, r := range name {
		letter := r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return name != ""
}

// validCrateName says whether name is a crate name as crates.io accepts them.
func validCrateName(name string) bool {
	for i, r := range name {
		letter := r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '-' || r == '_')) {
			return false
		}
	}
	return name != "" && len(name) <= 64
}
