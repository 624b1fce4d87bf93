package scan

import (
	"bufio"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Paths yields the logs the arguments name, lazily: a file as it is; a directory, every regular
// file beneath it (hidden files and directories skipped), in lexical order; a glob pattern,
// its matches, each expanded the same way; "-", the paths listed on stdin, one a line. An
// argument that names nothing is yielded as it is, so that the scan reports it as unreadable.
func Paths(args []string, stdin io.Reader) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for _, arg := range args {
			if arg == "-" {
				sc := bufio.NewScanner(stdin)
				sc.Buffer(make([]byte, 0, 4096), 1<<20)
				for sc.Scan() {
					p := strings.TrimSpace(sc.Text())
					if p != "" && !expand(p, yield) {
						return
					}
				}
				continue
			}
			if !expand(arg, yield) {
				return
			}
		}
	}
}

// expand yields what one path or pattern names; false when yield asked to stop.
func expand(arg string, yield func(string) bool) bool {
	if _, err := os.Lstat(arg); err != nil && hasMeta(arg) {
		matches, err := filepath.Glob(arg)
		if err == nil && len(matches) > 0 {
			for _, m := range matches {
				if !walk(m, yield) {
					return false
				}
			}
			return true
		}
	}
	return walk(arg, yield)
}

func walk(root string, yield func(string) bool) bool {
	fi, err := os.Stat(root)
	if err != nil || !fi.IsDir() {
		return yield(root)
	}
	stopped := false
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return nil
			}
			if !yield(p) { // an unreadable directory is reported, like an unreadable log
				stopped = true
				return filepath.SkipAll
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 {
			if !yield(p) {
				stopped = true
				return filepath.SkipAll
			}
		}
		return nil
	})
	return !stopped
}

func hasMeta(p string) bool { return strings.ContainsAny(p, `*?[`) }
