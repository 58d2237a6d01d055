package org.harmonic.cli;

import java.io.PrintWriter;

import org.harmonic.core.util.Progress;

/**
 * A progress bar with ETA on the terminal. On a console it redraws one line; otherwise (CI
 * logs, pipes) it prints a line at most every few seconds, so logs stay readable.
 */
final class ConsoleProgress implements Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean console;
    private final long start = System.nanoTime();
    private long lastPrint;
    private String lastMessage = "";
    private boolean dirty;

    ConsoleProgress(PrintWriter err, boolean console) {
        this.err = err;
        this.console = console;
    }

    @Override
    public synchronized void report(double fraction, String message) {
        long now = System.nanoTime();
        long interval = console ? 200_000_000L : 5_000_000_000L;
        boolean newStep = !message.equals(lastMessage);
        if (!newStep && now - lastPrint < interval && fraction < 1) {
            return;
        }
        lastPrint = now;
        lastMessage = message;
        double f = Math.max(0, Math.min(1, fraction));
        double elapsed = (now - start) / 1e9;
        String eta = f > 0.01 && f < 1 ? " ETA " + formatSeconds(elapsed * (1 - f) / f) : "";
        int filled = (int) Math.round(f * WIDTH);
        String line = String.format("[%s%s] %3d%% %s (%s)%s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.round(f * 100), message, formatSeconds(elapsed), eta);
        if (console) {
            err.print("\r" + line + "\u001b[K");
            dirty = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the bar's line so later output starts on a fresh line. */
    synchronized void finish() {
        if (dirty) {
            err.println();
            dirty = false;
        }
    }

    /** True after SIGTERM or Ctrl-C (see {@link ShutdownSignal}); long steps then stop and clean up. */
    @Override
    public boolean isCanceled() {
        return ShutdownSignal.requested();
    }

    static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
