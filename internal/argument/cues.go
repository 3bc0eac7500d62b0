package argument

import (
	"regexp"
	"strings"

	"github.com/argmap/argmap/internal/essay"
	"github.com/argmap/argmap/internal/figure"
)

// sent is one sentence under analysis: where it stands, the cues it
// carries, and the role decided for it.
type sent struct {
	id      string
	text    string
	para    int // index into the document's paragraphs
	index   int // 0-based position in its paragraph
	count   int // sentences in its paragraph
	kind    essay.Kind
	quote   bool // in a Markdown block quote
	figs    []Figure
	cues    cues
	role    Role
	why     string
	attack  bool // a concession or an opposing view: it attacks, not supports
	answers bool // follows a concession or an opposing view, and answers it
	grants  bool // carries on the concession before it, before a turn
}

// cues are the argument markers found in a sentence. Each is the phrase as
// it stands in the sentence, or "" when absent.
type cues struct {
	contrast     string // "However" opening the sentence (or early inside it)
	turnsFirst   bool   // the contrast marker is the sentence's first word
	contrastIn   string // ", but" inside, after a concession
	conclusion   string // "Therefore" opening
	conclusionIn string // "therefore" inside
	stance       string // "suggests that", "I believe", "it is clear that"
	deontic      string // "should", "must"
	weakDeontic  string // "have to"
	evaluative   string // "crucial", "unfair"
	given        string // "Given …," opening the grounds of a conclusion
	attribution  string // "According to", "news reports", "said"
	example      string // "such as"
	premise      string // "Because", "Moreover", "Besides" opening
	reason       string // "The main reason" opening
	concession   string // "Admittedly", "Of course"
	opposing     string // "critics argue", "some say"
	reported     string // "say", "think" with someone other than the author as subject
	evaluations  int    // how many distinct evaluative words
	hedge        string // "may", "perhaps"
	verdict      string // "In conclusion" opening
	follow       string // "Follow me on"
	question     bool   // ends with a question mark
	quoteFig     bool   // quotes someone
	statFig      string // a quantity, percent or money figure
	timeFig      string // a date or duration figure
}

// needRe finds a need stated for a group the author speaks for, with at
// most one adverb between: "we need", "we urgently need".
var needRe = regexp.MustCompile(`(?i)\b(?:we|everyone|society|our \w+)\s+(?:\w+ly\s+)?need\b`)

// findNeed is needRe.FindStringIndex(text), run only on a sentence that
// has the word "need" in any case (its letters fold only to ASCII ones).
func findNeed(text string) []int {
	if !containsFoldASCII(text, "need") {
		return nil
	}
	return needRe.FindStringIndex(text)
}

// findCues reads the argument markers of a sentence.
func findCues(text string, figs []Figure) cues {
	var c cues
	get := func(m match) string { return m.in(text) }
	sc := scanCues(text, cueIndex)
	if m := sc.opener(lexContrastOpeners); m.found() {
		c.contrast = get(m)
		c.turnsFirst = true
		// "However, given …, X": grounds after the contrast
		if g := opener(text[m.end:], givenOpeners); g.found() && isGivenWord(g.in(text[m.end:])) {
			c.given = g.in(text[m.end:])
		}
	}
	if c.contrast == "" {
		// "Curiously, however, …", "The cost, however, is …": a contrast
		// adverb inside the first clause turns the whole sentence
		if m := sc.findAny(lexHowever); m.found() && m.start > 0 && len(words(text[:m.start])) <= 6 && !strings.ContainsAny(text[:m.start], ";:") {
			c.contrast = get(m)
		}
	}
	c.contrastIn = get(sc.findAny(lexContrastInner))
	if strings.EqualFold(c.contrastIn, ", however,") && c.contrast != "" {
		c.contrastIn = ""
	}
	c.conclusion = get(sc.opener(lexConclusionOpeners))
	if c.conclusion == "" {
		c.conclusionIn = get(sc.findAny(lexConclusionInner))
	}
	c.stance = get(sc.findAny(lexStanceCues))
	c.deontic = get(sc.findAny(lexDeonticCues))
	if c.deontic == "" {
		// "we need", "we urgently need": a need the author claims for all
		if m := findNeed(text); m != nil {
			c.deontic = text[m[0]:m[1]]
		}
	}
	c.weakDeontic = get(sc.findAny(lexWeakDeonticCues))
	c.evaluative = get(sc.findAny(lexEvaluativeCues))
	if g := sc.opener(lexGivenOpeners); g.found() && c.given == "" {
		// "Since March 2020, …" is a time, not grounds
		if !(strings.EqualFold(g.in(text), "since") && startsWithTime(text[g.end:], figs)) && strings.Contains(text[g.end:], ",") {
			c.given = get(g)
		}
	}
	if m := sc.findAny(lexAttributionCues); m.found() {
		// "That said" is a contrast, not a report
		if !(c.contrast != "" && m.start < leadOffset(text)+len(c.contrast)) {
			c.attribution = get(m)
		}
	}
	c.example = get(sc.findAny(lexExampleCues))
	c.premise = get(sc.opener(lexPremiseOpeners))
	c.reason = get(sc.opener(lexReasonOpeners))
	c.concession = get(sc.opener(lexConcessionOpeners))
	c.opposing = get(sc.findAny(lexOpposingViewCues))
	c.reported = reportedView(sc)
	c.evaluations = sc.count(lexEvaluativeCues)
	c.hedge = get(sc.findAny(lexHedgeCues))
	c.verdict = get(sc.opener(lexVerdictOpeners))
	c.follow = get(sc.findAny(lexFollowCues))
	c.question = strings.HasSuffix(strings.TrimRight(text, "”\"’') "), "?")
	for _, f := range figs {
		switch f.Kind {
		case Quote:
			c.quoteFig = true
		case Quantity, Percent, Money:
			if c.statFig == "" {
				c.statFig = f.Text
			}
		case Date, Duration:
			if c.timeFig == "" {
				c.timeFig = f.Text
			}
		}
	}
	return c
}

// reportedView returns the verb by which the sentence of sc reports what
// someone other than the author says or thinks ("My parents say …"), or "".
func reportedView(sc *sentenceCues) string {
	text, verb := sc.text, ""
	sc.each(lexReportVerbs, func(v string) bool {
		for from := 0; ; {
			m := findPhrase(text, v, from)
			if !m.found() {
				break
			}
			from = m.end
			w := words(text[:m.start])
			if len(w) == 0 {
				continue
			}
			switch w[len(w)-1] {
			case "i", "we", "to", "would", "not":
				continue
			}
			verb = m.in(text)
			return false
		}
		return true
	})
	return verb
}

// isGivenWord reports whether an opener is a "given" that introduces grounds.
func isGivenWord(s string) bool {
	return strings.HasPrefix(strings.ToLower(s), "given")
}

// startsWithTime reports whether text (just after "since") begins with one
// of the sentence's date figures.
func startsWithTime(text string, figs []Figure) bool {
	t := strings.TrimSpace(text)
	for _, f := range figs {
		if f.Kind == Date && (strings.HasPrefix(t, f.Text) || strings.Contains(f.Text, t[:min(len(t), 6)])) {
			return true
		}
	}
	// a month or a year right after
	w := words(t)
	if len(w) > 0 {
		if figure.IsMonth(w[0]) {
			return true
		}
		if figure.IsYear(w[0]) {
			return true
		}
	}
	return false
}

// claimScore weighs the cues that make a sentence a claim, and names the
// strongest.
func (c cues) claimScore() (int, string) {
	score := 0
	var first, second string // the two strongest reasons, strongest first
	best, next := 0, 0
	// a reason is the label and the cue, made only when it is kept
	add := func(w int, cue, label string) {
		if cue == "" {
			return
		}
		score += w
		switch {
		case w > best:
			second, next = first, best
			first, best = label+quoteCue(cue), w
		case w > next:
			second, next = label+quoteCue(cue), w
		}
	}
	add(3, c.conclusion, "conclusion marker ")
	if !strings.EqualFold(c.stance, c.reason) {
		add(3, c.stance, "stance marker ")
	}
	add(3, c.reason, "gives a reason: ")
	add(2, c.conclusionIn, "conclusion marker ")
	add(2, c.deontic, "says what ought to be: ")
	add(1, c.weakDeontic, "says what must be: ")
	add(2, c.contrast, "contrast marker ")
	add(2, c.given, "draws a conclusion from grounds: ")
	add(1, c.evaluative, "evaluative ")
	if second != "" {
		return score, first + "; " + second
	}
	return score, first
}

// evidenceScore weighs the cues that make a sentence evidence, and names the
// strongest.
func (c cues) evidenceScore() (int, string) {
	score, why, best := 0, "", 0
	// a reason is the label and the cue, made only when it is kept
	add := func(w int, cue, label string) {
		if cue == "" {
			return
		}
		score += w
		if w > best {
			best, why = w, label+quoteCue(cue)
		}
	}
	if c.quoteFig {
		score, why, best = 3, "quotes a speaker", 3
	}
	add(3, c.attribution, "attribution: ")
	add(2, c.statFig, "cites a figure: ")
	add(2, c.example, "example marker ")
	add(1, c.timeFig, "dated or timed fact: ")
	return score, why
}

// thesisScore weighs how much a sentence reads as the essay's thesis, with a
// list of the cues that counted.
func (c cues) thesisScore() (int, []string) {
	score := 0
	var why []string
	// a reason is the label and the cue, made only when it counts
	add := func(w int, cue, label string) {
		if cue == "" {
			return
		}
		score += w
		if w > 0 {
			why = append(why, label+quoteCue(cue))
		}
	}
	add(3, c.deontic, "says what ought to be: ")
	if c.deontic == "" {
		add(2, c.weakDeontic, "says what must be: ")
	}
	add(3, c.conclusion, "conclusion marker ")
	add(3, c.conclusionIn, "conclusion marker ")
	add(2, c.stance, "stance marker ")
	add(min(c.evaluations, 2), c.evaluative, "evaluative ")
	add(1, c.verdict, "verdict marker ")
	switch con := strings.ToLower(c.concession); {
	case con == "":
	case subordinateConcessions[con]:
		// "Although X, Y": the main clause is the point
	case weakConcessionOpeners[con]:
		add(-2, c.concession, "")
	default:
		add(-4, c.concession, "")
	}
	switch strings.ToLower(c.contrast) {
	case "but", "yet", "however":
		add(-1, c.contrast, "")
	}
	add(-3, c.opposing, "")
	add(-2, c.attribution, "")
	add(-2, c.statFig, "")
	add(-1, c.example, "")
	add(-2, c.premise, "")
	add(-2, c.reason, "")
	if c.quoteFig {
		score -= 3
	}
	if c.question {
		score -= 2
	}
	return score, why
}
