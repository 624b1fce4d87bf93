package knowledge

import (
	"errors"
	"fmt"
	"slices"

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
		if !slices.Contains(ActionKinds, action.Kind) {
			return fmt.Errorf("action %d: unknown kind %q (see SCHEMA.md)", i+1, action.Kind)
		}
	}
	return nil
}
