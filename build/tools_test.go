package build

import (
	"testing"

	"github.com/cxlog/cxlog/build/buildtest"
)

func needTool(t *testing.T, name, howToGet string) string {
	return buildtest.NeedTool(t, name, howToGet)
}
