package org.harmonic.cli;

import java.io.PrintWriter;

import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.HarmonicInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code harmonic} command. Exit codes: 0 success, 2 bad input or usage (the message names
 * the input and the fix), 1 internal error, 143 / 130 stopped by SIGTERM / Ctrl-C (partial
 * outputs removed, see {@link ShutdownSignal}).
 */
@Command(name = "harmonic", mixinStandardHelpOptions = true, versionProvider = Harmonic.Version.class,
        description = "HARMONIC: privacy-preserving synthetic tables from fine-tuned language models.",
        subcommands = {InstructionsCommand.class, FitCommand.class, SynthesizeCommand.class, EvaluateCommand.class,
            RunCommand.class, CommandLine.HelpCommand.class})
public final class Harmonic implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_INPUT = 2;
    /** Exit code after SIGTERM (128 + 15); the JVM sets it, Ctrl-C gives 130. */
    public static final int EXIT_SIGNAL = 143;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command, for example: "
                + "harmonic instructions --help");
    }

    public static void main(String[] args) {
        // Smile logs every tree and optimiser step at INFO; the CLI shows its own progress bar
        if (System.getProperty("org.slf4j.simpleLogger.log.smile") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.smile", "warn");
        }
        // DJL probes for CUDA whenever it counts GPUs and warns on a machine with a CUDA runtime but no
        // driver (four times per run); --device gpu checks the GPU itself and says what is missing
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
        }
        ShutdownSignal.install();
        int code;
        try {
            code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        } finally {
            ShutdownSignal.commandFinished();
        }
        if (ShutdownSignal.requested()) {
            // a signal is shutting the JVM down; its exit code (130 or 143) stands, and
            // System.exit with another code here could preempt it
            return;
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (used by tests and KNIME-free scripting). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Harmonic());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> EXIT_INTERNAL);
        cli.setExecutionStrategy(parsed -> {
            CoreDefaults.checkBounds(parsed); // before any command reads its inputs
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("harmonic: " + e.getMessage());
            err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof HarmonicInputException) {
                err.println("harmonic: " + e.getMessage());
                return EXIT_INPUT;
            }
            if (e instanceof CanceledException) {
                // only a signal cancels a CLI command (ShutdownSignal); the JVM then exits with 128 + signal
                err.println("harmonic: stopped by a signal; partial outputs were removed");
                return EXIT_SIGNAL;
            }
            if (e.getCause() instanceof OutOfMemoryError) {
                err.println(OUT_OF_MEMORY);
                return EXIT_INPUT;
            }
            err.println("harmonic: internal error: " + e);
            if (System.getenv("HARMONIC_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set HARMONIC_DEBUG=1 for the stack trace, and please report it)");
            }
            return EXIT_INTERNAL;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // the sizes the user chose (rows, batch, epochs, table) do not fit the heap: say which knobs
            // matter instead of a trace; the JVM is still usable once the failed allocation is dropped
            err.println(OUT_OF_MEMORY);
            return EXIT_INPUT;
        }
    }

    static final String OUT_OF_MEMORY = "harmonic: out of memory: lower --rows, --sample-batch, --batch or --epochs, "
            + "use a smaller table, or give Java more memory (HARMONIC_JAVA_OPTS=-Xmx8g bin/harmonic ...)";

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Harmonic.class.getPackage().getImplementationVersion();
            return new String[] {"harmonic " + (v == null ? "development build" : v)};
        }
    }
}
