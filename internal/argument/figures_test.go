package argument

import (
	"testing"

	"github.com/argmap/argmap/internal/essay"
)

// TestFiguresHaveValues: the analysis lists no date or duration without
// a value (a relative date such as "last year" has none), while the
// features still read it as a dated fact, and a quote keeps its "when".
func TestFiguresHaveValues(t *testing.T) {
	tests := []struct {
		name     string
		sentence string
		time     string // the features' dated fact
		listed   []string
	}{
		{"relative date", "Farmers hired 3,000 seasonal workers last year.", "last year", []string{"3,000"}},
		{"years ago", "The plant closed three years ago.", "three years ago", nil},
		{"last week", "The ministry changed the rules last week.", "last week", nil},
		{"calendar date kept", "The rules changed in March 2020, last year.", "March 2020", []string{"March 2020"}},
		{"quote's when", "“Where are the volunteers?” asked John Smith, a member of parliament, last year.", "", []string{"Where are the volunteers?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := doc(title("T"), body("Cities should hire more workers. "+tt.sentence))
			for name, extract := range map[string]func(*essay.Document) *Analysis{"Extract": Extract, "ExtractRules": ExtractRules} {
				a := extract(d)
				var got []string
				for _, f := range a.Figures {
					if (f.Kind == Date || f.Kind == Duration) && !f.Value.Valid {
						t.Errorf("%s(%q) lists %s %q without a value", name, tt.sentence, f.Kind, f.Text)
					}
					if f.Kind == Quote && f.When != "" && f.When != "last year" {
						t.Errorf("%s(%q) quote when = %q, want %q", name, tt.sentence, f.When, "last year")
					}
					got = append(got, f.Text)
				}
				if len(got) != len(tt.listed) {
					t.Errorf("%s(%q) figures = %q, want %q", name, tt.sentence, got, tt.listed)
					continue
				}
				for i := range got {
					if got[i] != tt.listed[i] {
						t.Errorf("%s(%q) figures = %q, want %q", name, tt.sentence, got, tt.listed)
						break
					}
				}
			}
			fs := ComputeFeatures(d)
			last := fs[len(fs)-1]
			if last.Time != tt.time {
				t.Errorf("ComputeFeatures(%q) Time = %q, want %q", tt.sentence, last.Time, tt.time)
			}
		})
	}
}
