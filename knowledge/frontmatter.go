package knowledge

import (
	"bytes"
	"errors"
)

var frontMatterFence = []byte("---")

// splitFrontMatter returns the YAML between the opening and closing "---" lines and the body
// after them.
func splitFrontMatter(file []byte) (yamlText, body []byte, err error) {
	file = bytes.ReplaceAll(file, []byte("\r\n"), []byte("\n"))
	first, rest, _ := bytes.Cut(file, []byte("\n"))
	if !bytes.Equal(bytes.TrimRight(first, " \t"), frontMatterFence) {
		return nil, nil, errors.New(`no front matter: the file must start with a "---" line`)
	}
	for offset := 0; offset < len(rest); {
		line, _, _ := bytes.Cut(rest[offset:], []byte("\n"))
		if bytes.Equal(bytes.TrimRight(line, " \t"), frontMatterFence) {
			bodyStart := min(offset+len(line)+1, len(rest))
			return rest[:offset], bytes.TrimSpace(rest[bodyStart:]), nil
		}
		offset += len(line) + 1
	}
	return nil, nil, errors.New(`front matter is not closed by a "---" line`)
}
