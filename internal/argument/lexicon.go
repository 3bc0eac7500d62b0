package argument

// The lexicon: general English argument vocabulary. Every list is written in
// lower case with single spaces; an apostrophe matches both ' and ’. Longer
// phrases come before the shorter ones they contain, because the first
// phrase of a list that matches is the one a why string names.

// contrastOpeners open a sentence that turns against what came before.
var contrastOpeners = []string{
	"however", "but still", "but", "yet", "nevertheless", "nonetheless",
	"even so", "still", "on the other hand", "on the contrary", "in contrast",
	"by contrast", "instead", "that said", "having said that", "despite this",
	"despite that", "all the same", "then again",
}

// contrastInner are contrast markers that may stand inside a sentence, after
// a concession: "Of course …, but …".
var contrastInner = []string{
	", but", "; but", ", yet", "; however", ", however,", ", nevertheless",
	", still",
}

// conclusionOpeners open the author's conclusion.
var conclusionOpeners = []string{
	"that's why", "that is why", "this is why", "which is why", "for these reasons",
	"for this reason", "for all these reasons", "therefore", "thus", "hence",
	"consequently", "as a consequence", "as a result", "accordingly",
	"in conclusion", "to conclude", "to sum up", "in sum", "in short",
	"all in all", "all things considered", "ultimately", "in the end",
	"it follows that", "so",
}

// conclusionInner are conclusion markers inside a sentence.
var conclusionInner = []string{
	"therefore", "thus", "hence", "that's why", "that is why", "this is why",
	"consequently", "for these reasons", "for this reason",
}

// verdictOpeners mark a closing verdict when they open a sentence of the last
// body paragraph.
var verdictOpeners = []string{
	"in conclusion", "to conclude", "to sum up", "in sum", "in short",
	"all in all", "all things considered", "ultimately", "in the end",
	"overall", "in summary", "taken together",
}

// stanceCues are phrases by which an author asserts, infers or evaluates.
var stanceCues = []string{
	"there is evidence to suggest", "there is reason to believe",
	"there is little doubt", "there is no doubt", "it is clear that",
	"it is obvious that", "it is evident that", "it is safe to say",
	"should be seen as", "must be seen as", "can be seen as", "is best seen as",
	"should be understood as", "is best understood as",
	"should be regarded as", "must be regarded as",
	"be seen as", "be understood as", "be regarded as", "be viewed as",
	"one of the main reasons", "the main reason",
	"the reason for", "the reason why", "the problem is", "the truth is",
	"the fact is", "suggests that", "suggest that", "shows that", "show that",
	"demonstrates that", "proves that", "indicates that", "means that",
	"implies that", "confirms that", "i believe", "i think", "i argue",
	"i would argue", "i find", "i am convinced", "i'm convinced",
	"i am of the opinion", "i am not of the opinion", "in my opinion",
	"in my view", "i recommend",
	"we believe", "we think", "we would argue", "we argue", "we are convinced",
	"we are not persuaded", "we are not convinced", "in our view", "in our opinion",
	"we urge", "we recommend",
	"we should", "we must", "we need", "it is time", "in fact", "the point is",
}

// deonticCues state what ought to be done: the mark of a policy claim.
var deonticCues = []string{
	"ought", "should", "shouldn't", "must", "mustn't", "had better",
	"we need", "it would be wise", "it would be fair",
	"it would be better", "it is necessary", "is out of the question",
	"is not to be supported", "is to be supported", "recommend",
}

// weakDeonticCues also state a necessity, but as often describe one ("you
// have to scrape it off"): they weigh less.
var weakDeonticCues = []string{
	"have to", "has to", "need to", "needs to", "you need", "it is time",
}

// evaluativeCues are verdict words: a sentence that judges rather than
// reports.
var evaluativeCues = []string{
	"pivotal", "crucial", "essential", "most important", "important", "significant",
	"unfair", "unjust", "unjustifiable", "justified", "wrong", "right measure",
	"mistaken", "mistake", "pointless", "desirable", "undesirable", "irresponsible",
	"inappropriate", "impossible", "unacceptable", "acceptable", "absurd",
	"wise", "unwise", "fair",
	"biggest", "greatest", "key", "sensible", "nonsense",
	"harmful", "dangerous", "beneficial", "worth", "makes sense",
	// a trend stated as a general point (ANNOTATION.md's "general statements")
	"is declining", "is growing", "is rising", "is increasing", "is decreasing", "is falling",
	"not enough", "too much", "too many",
	"by all means", "definitely", "certainly", "clearly", "undoubtedly",
	"better", "worse", "best", "worst",
}

// givenOpeners introduce the grounds of a conclusion stated in the same
// sentence: "Given …, X".
var givenOpeners = []string{
	"given that", "given the", "given", "in light of",
	"in view of", "considering that", "considering", "because of",
	"due to", "since", "as long as",
}

// attributionCues attribute a statement to a source: the mark of reported
// evidence.
var attributionCues = []string{
	"according to", "news reports", "press reports",
	"reports suggest", "reports say", "officials said", "officials say",
	"data from", "figures from", "statistics from", "data show",
	"figures show", "statistics show", "studies show", "research shows",
	"a study", "a survey", "a poll", "surveys", "polls show", "the census",
	"has been documented", "have been documented", "has been reported",
	"have been reported", "reported", "reports", "estimates", "estimated",
	"said", "says", "asked", "told", "stated", "announced", "wrote",
	"testified", "confirmed",
}

// exampleCues introduce examples.
var exampleCues = []string{
	"for example", "for instance", "such as", "e.g.", "namely", "including",
	"take the case of", "to give an example", "a case in point", "like the",
}

// premiseOpeners open a sentence that gives a reason for something else.
var premiseOpeners = []string{
	"first and foremost", "to begin with", "to start with", "in the first place",
	"in the second place", "last but not least", "apart from this", "apart from that",
	"after all", "because", "for,", "for one thing", "first of all", "firstly",
	"secondly", "thirdly", "first", "second", "third", "moreover",
	"furthermore", "besides", "in addition", "additionally", "what is more",
	"what's more", "on top of that", "plus", "also", "and", "not to mention",
	"above all", "finally", "lastly",
}

// reasonOpeners open a claim that explains the claim before it.
var reasonOpeners = []string{
	"one of the main reasons", "another important reason",
	"another reason", "a further reason", "one more reason", "the first reason",
	"the second reason", "the third reason", "the final reason", "the last reason",
	"the main reason", "the reason", "this is because", "that is because",
	"this is due to", "part of the reason", "one reason", "a reason",
}

// concessionOpeners grant a point the author then leaves aside or overturns.
var concessionOpeners = []string{
	"it is difficult to", "it is hard to", "even if", "whilst",
	"despite the fact that", "it is true that", "it's true that",
	"it is true", "admittedly", "of course", "granted", "to be sure",
	"no doubt", "true,", "yes,", "sure,", "certainly,", "obviously,",
	"it may be that", "it may well be", "it might be", "it is possible that",
	"while it is true", "although", "even though", "though", "while",
	"it is often said", "it is often argued", "it is argued",
	"some people say", "some people think", "some people argue",
	"some argue", "some say", "some claim", "critics argue", "critics say",
	"critics claim", "opponents argue", "opponents say", "opponents claim",
	"one could argue", "one might argue", "one could object",
	"one might object", "one may object", "perhaps", "many people think",
	"many people believe", "many believe",
}

// weakConcessionOpeners concede only when a contrast follows: "While X, Y"
// is a claim Y with a concession inside it.
var weakConcessionOpeners = map[string]bool{
	"although": true, "even though": true, "though": true, "while": true,
	"whilst": true, "even if": true, "despite the fact that": true,
	"perhaps": true,
}

// subordinateConcessions open a concessive clause inside a sentence whose
// main clause is the author's point: "Although X, Y".
var subordinateConcessions = map[string]bool{
	"although": true, "even though": true, "though": true, "while": true,
	"whilst": true, "even if": true, "despite the fact that": true,
}

// opposingViewCues report a view the author does not share.
var opposingViewCues = []string{
	"some people say", "some people think", "some people argue",
	"some argue", "some say", "some claim", "critics", "opponents",
	"sceptics", "skeptics", "it is often said", "it is often argued",
	"one could argue", "one might argue", "one could object",
	"one might object", "one might think", "one may think",
	"one could think", "some may", "some might", "some would",
	"some people may", "others say", "others argue", "many say",
	"the strongest objection", "the obvious objection", "one objection", "an objection",
}

// reportVerbs report what someone else says or thinks; with a contrast in
// the next sentence they mark a view the author answers.
var reportVerbs = []string{
	"say", "says", "think", "thinks", "claim", "claims", "argue", "argues",
	"believe", "believes", "object", "objects", "maintain", "maintains",
	"insist", "insists", "suggest", "suggests",
}

// hedgeCues soften a statement.
var hedgeCues = []string{
	"may", "might", "could", "perhaps", "possibly", "probably", "arguably",
	"seems", "seem", "appears", "appear", "likely", "unlikely",
}

// followCues ask the reader to follow or subscribe: not argument.
var followCues = []string{
	"follow him on", "follow me on", "follow us on",
	"follow them on", "subscribe to", "sign up for", "click here",
}
