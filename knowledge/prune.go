package knowledge

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

const (
	buildingPrefix = ".building-"
	// abandonedBuildAge is when a temporary build directory is taken as left by a crash.
	abandonedBuildAge = time.Hour
	// unusedIndexAge is when the index of another knowledge base is taken as left by an
	// older cxlog; one still in use is rebuilt once.
	unusedIndexAge = 30 * 24 * time.Hour
)

// isBaseKey reports whether name is a base hash's first 16 hex digits, the name of an index.
func isBaseKey(name string) bool {
	if len(name) != 16 {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isHexDigit(name[i]) {
			return false
		}
	}
	return true
}

// pruneCache removes old temporary builds and old indexes and compiled bases of other knowledge
// bases. It runs after an index build, so a cache that is only read is never scanned.
func pruneCache(cacheDir, keep string) {
	entries, err := os.ReadDir(cacheDir)
	if err != nil {
		return
	}
	now := time.Now()
	for _, entry := range entries {
		path := filepath.Join(cacheDir, entry.Name())
		info, err := entry.Info()
		if err != nil || path == keep || path == keep+compiledSuffix {
			continue
		}
		age := now.Sub(info.ModTime())
		abandoned := strings.HasPrefix(entry.Name(), buildingPrefix) && age > abandonedBuildAge
		unused := age > unusedIndexAge &&
			(entry.IsDir() && isBaseKey(entry.Name()) ||
				entry.Type().IsRegular() && isCompiledBase(entry.Name()))
		if abandoned || unused {
			os.RemoveAll(path)
		}
	}
}

// isCompiledBase reports whether name is that of a compiled base: <key>.kb.
func isCompiledBase(name string) bool {
	key, ok := strings.CutSuffix(name, compiledSuffix)
	return ok && isBaseKey(key)
}
