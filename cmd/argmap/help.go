package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// commandHelp is what `argmap help CMD` and `argmap CMD -h` say about each
// command besides its flags: the arguments it takes and what it does.
var commandHelp = map[string]struct{ args, about string }{
	"ingest": {"[flags] FILE", `Reads the essay FILE (.txt: one paragraph a line; .md: CommonMark, with
optional YAML front matter: title, author, date, publisher, url) and
publishes its argument map as a new revision in the database, creating the
database when it is missing. The metadata flags set the same fields as
front matter (a flag wins over the file); given once, they stay with later
revisions until given again. Citations leave out what is not known: the
ingest date is only ever the accessed date.`},
	"serve": {"[flags]", `Serves the database read-only over HTTP on ADDR (-addr, default
localhost:8080) until SIGINT or SIGTERM.`},
	"extract": {"FILE", `Prints the analysis of the essay FILE as JSON on stdout. Touches no
database. FILE - reads the essay, as plain text, from stdin.`},
	"export": {"[flags] -out DIR", `Writes the whole site as static files under DIR, at the same URLs as the
server (pages as …/index.html).`},
	"eval": {"[flags] [DIR...]", `Scores the extractor on annotated corpora: each DIR is a corpus folder
(opinion-silver, web-discourse, arg-microtexts) or a folder of them
(default ../shared/corpora). The model is retrained for every fold and
never scored on a text it learned from; the old rules and the position
baselines are scored on the same sentences beside it.`},
	"train": {"[flags] [CORPUS_DIR...]", `Rebuilds the extractor's model from annotated corpora (default:
../shared/corpora/opinion-silver and ../shared/corpora/arg-microtexts),
deterministically, and prints what it learned from. make model writes the
embedded file, internal/argument/model.json.`},
	"bench-bare": {"[flags]", `Serves a bare net/http handler: the baseline of make bench.`},
}

// flagUsage returns fs.Usage for command name: its synopsis, what it does
// and its flags, written to fs.Output().
func flagUsage(fs *flag.FlagSet, name string) func() {
	return func() {
		w := fs.Output()
		h := commandHelp[name]
		fmt.Fprintf(w, "usage: argmap %s %s\n", name, h.args)
		if h.about != "" {
			fmt.Fprintf(w, "\n%s\n", h.about)
		}
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintf(w, "\nflags:\n")
			fs.PrintDefaults()
		}
	}
}

// commands are the subcommands run dispatches, for help.
var commands = map[string]func(ctx context.Context, args []string, stdout, stderr io.Writer) error{
	"ingest":  cmdIngest,
	"serve":   cmdServe,
	"extract": cmdExtract,
	"export":  cmdExport,
	"eval":    cmdEval,
	"train":   cmdTrain,
}

// wantsHelp reports whether args (after the command name) ask for help:
// -h, -help or --help anywhere before a "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--":
			return false
		}
	}
	return false
}

// printHelp writes the usage of command name to stdout, as its flag set
// prints it, and returns the exit status: 0, or 2 for an unknown command.
func printHelp(ctx context.Context, name string, stdout, stderr io.Writer) int {
	cmd, ok := commands[name]
	if !ok {
		names := make([]string, 0, len(commands))
		for n := range commands {
			names = append(names, n)
		}
		slices.Sort(names)
		fmt.Fprintf(stderr, "argmap help: unknown command %q (commands: %s)\n", name, strings.Join(names, ", "))
		return 2
	}
	// The command's flag set prints its usage on -h and returns before
	// doing anything.
	var buf bytes.Buffer
	_ = cmd(ctx, []string{"-h"}, io.Discard, &buf)
	_, _ = stdout.Write(buf.Bytes())
	return 0
}
