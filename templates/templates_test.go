package templates

import (
	"strings"
	"testing"
)

func TestScriptIsEmbedded(t *testing.T) {
	b, err := FS.ReadFile(Script)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{".Package", ".Imports", ".Revision", ".DownRevisions", ".Message", ".Created", ".Dialect.Title", ".Upgrade", ".Downgrade"} {
		if !strings.Contains(string(b), field) {
			t.Errorf("%s does not use %s", Script, field)
		}
	}
}
