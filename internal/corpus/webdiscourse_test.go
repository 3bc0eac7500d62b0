package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallXMI is a web-discourse document of one line, two sentences and a
// claim, in the corpus's XMI.
const smallXMI = `<?xml version="1.0" encoding="UTF-8"?><xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmlns:types="http:///de/tudarmstadt/ukp/dkpro/argumentation/types.ecore" xmlns:type4="http:///de/tudarmstadt/ukp/dkpro/core/api/segmentation/type.ecore" xmi:version="2.0">` +
	`<cas:Sofa xmi:id="6" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="Schools fail some pupils. They bore them."/>` +
	`<types:WebArgumentMetadata xmi:id="24" sofa="6" begin="0" end="0" docType="artcomment" title="On school" topic="schooling"/>` +
	`<type4:Sentence xmi:id="30" sofa="6" begin="0" end="25"/>` +
	`<type4:Sentence xmi:id="31" sofa="6" begin="26" end="41"/>` +
	`<types:Claim xmi:id="40" sofa="6" begin="0" end="25"/>` +
	`</xmi:XMI>`

// writeWebDiscourse writes one XMI file into a web-discourse corpus folder
// in a temporary directory and returns the folder.
func writeWebDiscourse(t *testing.T, name, xmi string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), WebDiscourse)
	if err := os.MkdirAll(filepath.Join(dir, "toulmin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "toulmin", name), []byte(xmi), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadWebDiscourse(t *testing.T) {
	docs, err := Load(writeWebDiscourse(t, "7.xmi", smallXMI))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || docs[0].ID != "7" || len(docs[0].Roles) != 3 || docs[0].Central != 1 {
		t.Fatalf("Load(small XMI) = %+v, want one text 7 of a title and two sentences, the first its central claim", docs)
	}
}

func TestLoadWebDiscourseDamaged(t *testing.T) {
	cut := strings.Index(smallXMI, `<type4:Sentence xmi:id="31"`) + 10
	for _, tc := range []struct {
		name, xmi, want string
	}{
		// the text and a sentence were read before the cut: it used to
		// load as a document of one sentence
		{"truncated", smallXMI[:cut], "XML syntax error"},
		{"bad-tag", strings.Replace(smallXMI, `<types:Claim `, `<types:Claim <`, 1), "XML syntax error"},
		{"bad-offset", strings.Replace(smallXMI, `begin="26"`, `begin="2x6"`, 1), "offset begin"},
		{"bad-end", strings.Replace(smallXMI, `end="41"`, `end=""`, 1), "offset end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, err := Load(writeWebDiscourse(t, tc.name+".xmi", tc.xmi))
			if err == nil {
				t.Fatalf("Load(%s) = %d texts, nil error; want an error", tc.name, len(docs))
			}
			if msg := err.Error(); !strings.Contains(msg, tc.name+".xmi") || !strings.Contains(msg, tc.want) {
				t.Errorf("Load(%s) error = %q, want one naming %s.xmi and saying %q", tc.name, msg, tc.name, tc.want)
			}
		})
	}
}
