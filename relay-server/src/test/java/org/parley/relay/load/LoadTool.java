package org.parley.relay.load;

/**
 * Load generator for the Parley relay and the Python reference relay (bench/reference_relay.py).
 * Not a test: run it by hand or from bench/run-bench.sh (see docs/BENCHMARKS.md); the options are
 * in {@link LoadOptions#USAGE}. Envelopes carry well-formed placeholders ({@code cts} = now,
 * {@code sig} = 64 zero bytes): the relay forwards them without verifying (PROTOCOL.md §3.1), and the
 * published encryption key is a fake, since the relay never decrypts anything.
 */
public final class LoadTool {
    private LoadTool() {
    }

    /** Runs one load run in this process and returns what it measured. */
    public static LoadResult run(LoadOptions options) throws Exception {
        try (LoadRun run = new LoadRun(options)) {
            return run.execute();
        }
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println(e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit("help".equals(e.getMessage()) ? 0 : 2);
            return;
        }
        LoadResult result = run(options);
        if (!options.quiet) {
            System.out.print(result);
        }
        System.out.println(result.resultLine());
        System.exit(0);
    }
}
