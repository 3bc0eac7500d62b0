package argument

import (
	"math"
	"strings"
)

// A feature is one named number the model reads from a SentenceFeatures
// record, with the words that explain it to a reader when it weighs in a
// decision. The model file lists the names it was trained on, in order.
type feature struct {
	name string
	// why says the feature in a reader's words; "%s" is replaced by the
	// cue as it stands in the sentence (cue returns it).
	why string
	// low says the feature when its value is below zero (a centred
	// number below its usual value: "early in the essay").
	low   string
	value func(f *SentenceFeatures) float64
	cue   func(f *SentenceFeatures) string
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func has(s string) float64 { return boolf(s != "") }

// marker makes the feature of a marker family.
func marker(name, why string, get func(f *SentenceFeatures) string) feature {
	return feature{name: name, why: why, value: func(f *SentenceFeatures) float64 { return has(get(f)) }, cue: get}
}

// placeZone makes the feature of a sentence's place in a paragraph of a
// zone: the conjunction that carries most of position's weight.
func placeZone(z Zone, p Place) feature {
	where := map[Zone]string{
		ZoneStandfirst: "the standfirst", ZoneIntro: "the first body paragraph",
		ZoneBody: "a body paragraph", ZoneConclusion: "the closing paragraph",
		ZoneSingle: "the text",
	}[z]
	what := map[Place]string{
		PlaceOnly: "the only sentence of ", PlaceFirst: "first sentence of ",
		PlaceMiddle: "inside ", PlaceLast: "last sentence of ",
	}[p]
	return feature{
		name:  "at." + string(z) + "." + string(p),
		why:   what + where,
		value: func(f *SentenceFeatures) float64 { return boolf(f.Zone == z && f.Place == p) },
	}
}

// sentenceFeatures is the vector the role model reads, in a fixed order.
var sentenceFeatures = func() []feature {
	fs := []feature{
		{name: "bias", why: "", value: func(*SentenceFeatures) float64 { return 1 }},
		{name: "kind.none", why: "not in the body of the essay", value: func(f *SentenceFeatures) float64 { return boolf(!f.Argument()) }},
		{name: "kind.heading", why: "a heading", value: func(f *SentenceFeatures) float64 { return boolf(f.Kind == "heading") }},
		{name: "kind.bio", why: "in the author's bio", value: func(f *SentenceFeatures) float64 { return boolf(f.Kind == "bio" || f.Kind == "credit") }},
		{name: "kind.title", why: "the title", value: func(f *SentenceFeatures) float64 { return boolf(f.Kind == "title") }},
		{name: "blockquote", why: "in a block quote", value: func(f *SentenceFeatures) float64 { return boolf(f.BlockQuote) }},
	}
	for _, z := range []Zone{ZoneStandfirst, ZoneIntro, ZoneBody, ZoneConclusion, ZoneSingle} {
		for _, p := range []Place{PlaceOnly, PlaceFirst, PlaceMiddle, PlaceLast} {
			fs = append(fs, placeZone(z, p))
		}
	}
	fs = append(fs,
		feature{name: "pos.second", why: "second sentence of its paragraph", value: func(f *SentenceFeatures) float64 { return boolf(f.Index == 1) }},
		feature{name: "pos.rel", why: "late in its paragraph", low: "early in its paragraph", value: func(f *SentenceFeatures) float64 {
			if f.Count < 2 {
				return 0
			}
			return float64(f.Index)/float64(f.Count-1) - 0.5
		}},
		feature{name: "essay.pos", why: "late in the essay", low: "early in the essay", value: func(f *SentenceFeatures) float64 { return f.EssayPos - 0.5 }},
		feature{name: "essay.early", why: "in the opening paragraphs", value: func(f *SentenceFeatures) float64 { return boolf(f.BodyIndex >= 0 && f.BodyIndex < 2) }},
		feature{name: "para.long", why: "in a long paragraph", low: "in a short paragraph", value: func(f *SentenceFeatures) float64 { return math.Log1p(float64(f.Count)) - math.Log1p(4) }},
		feature{name: "essay.short", why: "in a short text", value: func(f *SentenceFeatures) float64 { return boolf(f.BodyCount <= 2) }},
		feature{name: "essay.short_paras", why: "in a text of short paragraphs", value: func(f *SentenceFeatures) float64 { return boolf(f.ShortParas) }},
		feature{name: "essay.short_paras.first", why: "opens a paragraph in a text of short paragraphs", value: func(f *SentenceFeatures) float64 {
			return boolf(f.ShortParas && f.Index == 0)
		}},
		feature{name: "essay.short_paras.cited", why: "cites a figure or quote in a text of short paragraphs", value: func(f *SentenceFeatures) float64 {
			return boolf(f.ShortParas && (f.Stat != "" || f.Quote))
		}},
		feature{name: "essay.short_paras.contrast", why: "turns against what came before in a text of short paragraphs", value: func(f *SentenceFeatures) float64 {
			return boolf(f.ShortParas && (f.Contrast != "" || f.ContrastInner != ""))
		}},
		marker("m.contrast", "opens with a contrast marker %s", func(f *SentenceFeatures) string { return f.Contrast }),
		marker("m.contrast_in", "turns with %s inside", func(f *SentenceFeatures) string { return f.ContrastInner }),
		marker("m.conclusion", "opens with a conclusion marker %s", func(f *SentenceFeatures) string { return f.Conclusion }),
		marker("m.conclusion_in", "draws a conclusion: %s", func(f *SentenceFeatures) string { return f.ConclusionInner }),
		marker("m.stance", "stance marker %s", func(f *SentenceFeatures) string { return f.Stance }),
		marker("m.deontic", "says what ought to be: %s", func(f *SentenceFeatures) string { return f.Deontic }),
		marker("m.deontic_weak", "says what must be: %s", func(f *SentenceFeatures) string { return f.WeakDeont }),
		marker("m.evaluative", "evaluative %s", func(f *SentenceFeatures) string { return f.Evaluative }),
		feature{name: "m.evaluations", why: "several evaluative words", value: func(f *SentenceFeatures) float64 { return boolf(f.Evaluations >= 2) }},
		marker("m.given", "draws on grounds: %s", func(f *SentenceFeatures) string { return f.Given }),
		marker("m.attribution", "attribution: %s", func(f *SentenceFeatures) string { return f.Attribution }),
		marker("m.example", "example marker %s", func(f *SentenceFeatures) string { return f.Example }),
		marker("m.premise", "adds a reason: %s", func(f *SentenceFeatures) string { return f.Premise }),
		marker("m.reason", "gives a reason: %s", func(f *SentenceFeatures) string { return f.Reason }),
		marker("m.concession", "concedes: %s", func(f *SentenceFeatures) string { return f.Concession }),
		marker("m.opposing", "reports an opposing view: %s", func(f *SentenceFeatures) string { return f.Opposing }),
		marker("m.reported", "reports what others think: %s", func(f *SentenceFeatures) string { return f.Reported }),
		marker("m.hedge", "hedged: %s", func(f *SentenceFeatures) string { return f.Hedge }),
		marker("m.verdict", "opens a verdict: %s", func(f *SentenceFeatures) string { return f.Verdict }),
		marker("m.follow", "asks the reader to follow: %s", func(f *SentenceFeatures) string { return f.Follow }),
		feature{name: "question", why: "a question", value: func(f *SentenceFeatures) float64 { return boolf(f.Question) }},
		feature{name: "ctx.prev_concession", why: "answers the concession before it", value: func(f *SentenceFeatures) float64 { return boolf(f.PrevConcession) }},
		feature{name: "ctx.next_contrast", why: "the next sentence turns against it", value: func(f *SentenceFeatures) float64 { return boolf(f.NextContrast) }},
		feature{name: "ctx.para_reason", why: "in a paragraph that opens with a reason", value: func(f *SentenceFeatures) float64 { return boolf(f.ParaReason) }},
		feature{name: "fig.quote", why: "quotes a speaker", value: func(f *SentenceFeatures) float64 { return boolf(f.Quote) }},
		marker("fig.stat", "cites a figure: %s", func(f *SentenceFeatures) string { return f.Stat }),
		marker("fig.time", "dated: %s", func(f *SentenceFeatures) string { return f.Time }),
		feature{name: "general", why: "no names, numbers or quotes", value: func(f *SentenceFeatures) float64 {
			return boolf(f.ProperShare == 0 && f.NumberShare == 0 && !f.Quote && f.Stat == "" && f.Time == "")
		}},
		feature{name: "person.i", why: "speaks as 'I'", value: func(f *SentenceFeatures) float64 { return boolf(f.FirstSingular) }},
		feature{name: "person.we", why: "speaks as 'we'", value: func(f *SentenceFeatures) float64 { return boolf(f.FirstPlural) }},
		feature{name: "person.you", why: "addresses the reader", value: func(f *SentenceFeatures) float64 { return boolf(f.SecondPerson) }},
		feature{name: "len.log", why: "a long sentence", low: "a short sentence", value: func(f *SentenceFeatures) float64 { return math.Log1p(float64(f.Words)) - math.Log1p(22) }},
		feature{name: "len.short", why: "a short sentence", value: func(f *SentenceFeatures) float64 { return boolf(f.Words < 8) }},
		feature{name: "p.colon", why: "has a colon", value: func(f *SentenceFeatures) float64 { return boolf(f.Colon) }},
		feature{name: "p.semicolon", why: "has a semicolon", value: func(f *SentenceFeatures) float64 { return boolf(f.Semicolon) }},
		feature{name: "p.parens", why: "has an aside in brackets", value: func(f *SentenceFeatures) float64 { return boolf(f.Parens) }},
		feature{name: "p.dash", why: "has a dash", value: func(f *SentenceFeatures) float64 { return boolf(f.Dash) }},
		feature{name: "p.exclaim", why: "an exclamation", value: func(f *SentenceFeatures) float64 { return boolf(f.Exclaim) }},
		feature{name: "pos.proper", why: "names people or places", value: func(f *SentenceFeatures) float64 { return math.Min(1, 4*f.ProperShare) }},
		feature{name: "pos.adj", why: "many adjectives", value: func(f *SentenceFeatures) float64 { return math.Min(1, 4*f.AdjShare) }},
		feature{name: "pos.past", why: "tells of the past", value: func(f *SentenceFeatures) float64 { return math.Min(1, 5*f.VerbPastShare) }},
		feature{name: "pos.number", why: "has numbers", value: func(f *SentenceFeatures) float64 { return math.Min(1, 5*f.NumberShare) }},
		feature{name: "pos.modal", why: "a modal verb", value: func(f *SentenceFeatures) float64 { return boolf(f.Modal) }},
		feature{name: "pos.comparative", why: "compares", value: func(f *SentenceFeatures) float64 { return boolf(f.Comparative) }},
		feature{name: "sim.title", why: "echoes the title", value: func(f *SentenceFeatures) float64 { return f.SimTitle }},
		feature{name: "sim.thesis", why: "echoes the opening or closing", value: func(f *SentenceFeatures) float64 { return f.SimThesis }},
		feature{name: "sim.para", why: "shares words with the rest of its paragraph", value: func(f *SentenceFeatures) float64 { return f.SimPara }},
		feature{name: "rel.central", why: "the sentence most like the rest of its paragraph", value: func(f *SentenceFeatures) float64 { return boolf(f.CentralIn) }},
		feature{name: "rel.thesis_like", why: "of its paragraph, the sentence that most echoes the opening or closing", value: func(f *SentenceFeatures) float64 { return boolf(f.ThesisLikeIn) }},
		feature{name: "rel.general", why: "the most general sentence of its paragraph", value: func(f *SentenceFeatures) float64 { return boolf(f.GeneralIn) }},
		feature{name: "rel.marked", why: "the only sentence of its paragraph with a claim's marker", value: func(f *SentenceFeatures) float64 { return boolf(f.MarkedIn) }},
		feature{name: "rel.others_ground", why: "the rest of its paragraph gives grounds", value: func(f *SentenceFeatures) float64 { return f.OthersGround }},
		feature{name: "rel.specific", why: "the most specific sentence of its paragraph", value: func(f *SentenceFeatures) float64 { return boolf(f.SpecificIn) }},
	)
	for _, w := range OpenerWords {
		fs = append(fs, feature{name: "open." + w, why: "opens with '" + w + "'", value: func(f *SentenceFeatures) float64 { return boolf(f.Opener == w) }})
	}
	for _, t := range OpenerTags {
		why := map[string]string{
			"name": "opens with a name", "pronoun": "opens with a pronoun", "determiner": "opens with a determiner",
			"preposition": "opens with a preposition", "number": "opens with a number", "verb": "opens with a verb",
			"adverb": "opens with an adverb", "adjective": "opens with an adjective", "noun": "opens with a noun",
			"wh": "opens with a wh-word",
		}[t]
		fs = append(fs, feature{name: "open.tag." + t, why: why, value: func(f *SentenceFeatures) float64 { return boolf(f.OpenerTag == t) }})
	}
	return fs
}()

// pointNullFeatures describe a paragraph as the "no claim here" candidate
// of the point model.
var pointNullFeatures = func() []feature {
	fs := []feature{
		{name: "null.bias", why: "", value: func(*SentenceFeatures) float64 { return 1 }},
		{name: "null.count", why: "a long paragraph", low: "a short paragraph", value: func(f *SentenceFeatures) float64 { return math.Log1p(float64(f.Count)) - math.Log1p(4) }},
		{name: "null.single", why: "a one-sentence paragraph", value: func(f *SentenceFeatures) float64 { return boolf(f.Count == 1) }},
	}
	for _, z := range []Zone{ZoneStandfirst, ZoneIntro, ZoneBody, ZoneConclusion, ZoneSingle} {
		fs = append(fs, feature{name: "null.zone." + string(z), why: "", value: func(f *SentenceFeatures) float64 { return boolf(f.Zone == z) }})
	}
	return fs
}()

// PointFeatureNames returns the names of the point model's features: a
// sentence's features, then those of the "no claim" candidate.
func PointFeatureNames() []string {
	return append(SentenceFeatureNames(), featureNames(pointNullFeatures)...)
}

// PointVector returns the point model's vector of the sentence as a
// candidate for its paragraph's claim.
func (f *SentenceFeatures) PointVector() []float64 { return pointVector(f.Vector()) }

// pointVector returns the point model's vector of a candidate whose
// sentence vector is x, leaving x as it is.
func pointVector(x []float64) []float64 {
	return append(x[:len(x):len(x)], make([]float64, len(pointNullFeatures))...)
}

// NullPointVector returns the point model's vector of "no claim" for the
// paragraph of f (any sentence of it).
func (f *SentenceFeatures) NullPointVector() []float64 {
	v := make([]float64, len(sentenceFeatures), len(sentenceFeatures)+len(pointNullFeatures))
	for _, d := range pointNullFeatures {
		v = append(v, d.value(f))
	}
	return v
}

// featureNames returns the names of fs in order.
func featureNames(fs []feature) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.name
	}
	return out
}

// Vector returns the sentence's feature vector, in the order of
// SentenceFeatureNames.
func (f *SentenceFeatures) Vector() []float64 {
	v := make([]float64, len(sentenceFeatures))
	for i, d := range sentenceFeatures {
		v[i] = d.value(f)
	}
	return v
}

// SentenceFeatureNames returns the names of the role model's features.
func SentenceFeatureNames() []string { return featureNames(sentenceFeatures) }

// explainFeature says feature i of fs, whose value is x, as it stands for
// f, in a reader's words.
func explainFeature(fs []feature, i int, x float64, f *SentenceFeatures) string {
	d := fs[i]
	if x < 0 {
		return d.low
	}
	if d.cue == nil || !strings.Contains(d.why, "%s") {
		return d.why
	}
	return strings.Replace(d.why, "%s", quoteCue(d.cue(f)), 1)
}
