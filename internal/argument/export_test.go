package argument

// LexiconPhrases returns every phrase of every list the cue index holds, by
// the list's name, for the tests of package argument_test.
func LexiconPhrases() map[string][]string {
	out := make(map[string][]string, len(allLexicons))
	for name, l := range allLexicons {
		out[name] = l.phrases
	}
	return out
}
