package argument

import (
	"os"
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

func FuzzExtract(f *testing.F) {
	if seed, err := os.ReadFile(seedPath); err == nil {
		f.Add(seed)
	}
	for _, s := range []string{
		"Title\n\nWe should act. However, it is late.\n",
		"T\nAdmittedly, it costs $3bn. But “this is the only way forward,” said Jane Roe, an MP, last year.\n",
		"T\n\"unclosed quote said nobody\n“ ” “a b c” asked\n",
		"T\nSince 2019, over 1.5 million people – 40 percent – left in six months. One of the reasons.\n",
		"# Heading\n\n> quoted block with 12 May 2021\n\nText, 60:87, Tu-154, 3.2km, a dozen, twenty-five.\n",
		"T\n$ € 5 % , . - ’ ‘ “”\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := essay.Parse("fuzz.txt", data)
		if err != nil {
			return
		}
		a := Extract(d)
		checkAnalysis(t, a)
	})
}
