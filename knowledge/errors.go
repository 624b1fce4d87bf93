package knowledge

// EntryError is a knowledge-base file that cannot be used, with a one-line reason.
type EntryError struct {
	File   string
	Reason string
}

func (e *EntryError) Error() string { return e.File + ": " + e.Reason }
