package argument

import (
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestModelCard checks that docs/model.md names the embedded model's
// sha256, so that the card describes the file that ships.
func TestModelCard(t *testing.T) {
	card, err := os.ReadFile("../../docs/model.md")
	if err != nil {
		t.Fatal(err)
	}
	sum := fmt.Sprintf("%x", sha256.Sum256(EmbeddedModel()))
	if !strings.Contains(string(card), sum) {
		t.Errorf("docs/model.md does not name the embedded model's sha256 %s: update it after make model", sum)
	}
}
