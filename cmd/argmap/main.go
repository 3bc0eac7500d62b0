// Command argmap reads an opinion essay, maps its argument (thesis, claims,
// evidence, figures) into SQLite and serves it as linked, citable pages.
//
// Usage:
//
//	argmap ingest  [-db PATH] [-title T] [-author A] [-date D] [-publisher P] [-url URL] [-rewrite] [-max-bytes N] FILE
//	argmap serve   [-db PATH] [-addr HOST:PORT] [-base URL]
//	argmap extract FILE
//	argmap export  [-db PATH] [-base URL] -out DIR
//	argmap train   [-out FILE] [-no-microtexts] [CORPUS_DIR...]
//	argmap eval    [-l2 X] [DIR...]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signalContext()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalContext is the context a command runs under: SIGINT or SIGTERM
// ends it, and the command stops (serve gracefully; ingest, extract,
// train and eval at once, before anything is written; export between
// two files).
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

const usage = `usage:
  argmap ingest  [-db PATH] [-title T] [-author A] [-date YYYY-MM-DD]
                 [-publisher P] [-url URL] [-rewrite] [-max-bytes N] FILE
                                           analyse FILE and publish it into the database
  argmap serve   [-db PATH] [-addr HOST:PORT] [-base URL]
                                           serve the database read-only
  argmap extract FILE                      print the analysis of FILE (- for stdin) as JSON
  argmap export  [-db PATH] [-base URL] -out DIR
                                           write the whole site as static files
  argmap train   [-out FILE] [-no-microtexts] [CORPUS_DIR...]
                                           rebuild the extractor's model from annotated corpora
  argmap eval    [-l2 X] [DIR...]          score the extractor on annotated corpora, beside baselines
  argmap help    CMD                       print the usage of CMD (also: argmap CMD -h)
`

// run dispatches a subcommand and returns the process exit status. Every
// failure is one line on stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if _, ok := commands[args[0]]; ok && wantsHelp(args[1:]) {
		return printHelp(ctx, args[0], stdout, stderr)
	}
	if args[0] == "help" && len(args) > 1 {
		return printHelp(ctx, args[1], stdout, stderr)
	}
	var err error
	switch args[0] {
	case "ingest":
		err = cmdIngest(ctx, args[1:], stdout, stderr)
	case "serve":
		err = cmdServe(ctx, args[1:], stdout, stderr)
	case "extract":
		err = cmdExtract(ctx, args[1:], stdout, stderr)
	case "export":
		err = cmdExport(ctx, args[1:], stdout, stderr)
	case "eval":
		err = cmdEval(ctx, args[1:], stdout, stderr)
	case "train":
		err = cmdTrain(ctx, args[1:], stdout, stderr)
	case "bench-bare": // hidden: the baseline server of make bench
		err = cmdBenchBare(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "argmap: unknown command %q\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "argmap %s: %s\n", args[0], oneLine(err.Error()))
		return 1
	}
}
