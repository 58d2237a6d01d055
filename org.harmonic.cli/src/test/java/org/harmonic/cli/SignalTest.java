package org.harmonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.harmonic.core.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code harmonic} launcher as a real child process: what only a separate JVM shows (a
 * signal, the exit code, environment variables).
 */
class SignalTest {
    @TempDir
    Path dir;

    private final StringBuffer output = new StringBuffer();
    private Thread reader;

    /** Starts {@code harmonic args} in {@link #dir}; {@code started} opens at the first training step. */
    private Process start(CountDownLatch started, String threads, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Harmonic.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("DJL_OFFLINE", "true");
        builder.environment().put("OPT_OUT_TRACKING", "true");
        if (threads != null) {
            builder.environment().put("HARMONIC_THREADS", threads);
        }
        Process process = builder.start();
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                    if (line.contains("training step")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private Path smallGerman() throws IOException {
        Path file = dir.resolve("german_small.csv");
        Files.write(file, Files.readAllLines(TestData.resource("data/german_train.csv")).subList(0, 151));
        return file;
    }

    @Test
    void sigtermDuringTrainingExitsWith143AndLeavesNoStagingDirectoryAndNoCrashLog() throws Exception {
        Path out = dir.resolve("gen");
        CountDownLatch started = new CountDownLatch(1);
        Process process = start(started, null, "fit", "--input", smallGerman().toString(), "--target", "status",
                "--out", out.toString(), "--model-size", "tiny", "--epochs", "500");
        try {
            assertTrue(started.await(180, TimeUnit.SECONDS), "training never started:\n" + output);
            assertTrue(process.isAlive(), "the fit ended before the signal:\n" + output);
            // SIGTERM on Linux; through the handle, as Process.destroy() also closes the pipe and the last lines are lost
            process.toHandle().destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "no exit after SIGTERM:\n" + output);
            reader.join(10_000); // the last lines
        } finally {
            process.destroyForcibly();
        }
        assertEquals(Harmonic.EXIT_SIGNAL, process.exitValue(), output.toString());
        assertTrue(output.toString().contains("stopped by a signal"), output.toString());
        assertFalse(output.toString().contains("fatal error"), output.toString());
        assertFalse(Files.exists(out), "a canceled fit writes no generator");
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> left = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".part") || n.startsWith("hs_err") || n.startsWith("replay_pid")).toList();
            assertEquals(List.of(), left, "no staging directory, no JVM crash log");
        }
    }

    @Test
    void aBadHarmonicThreadsFailsBeforeTheTableIsRead() throws Exception {
        Process process = start(new CountDownLatch(1), "abc", "run", "--input", dir.resolve("absent.csv").toString(),
                "--target", "status", "--out", dir.resolve("out").toString(), "--model-size", "tiny");
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output.toString());
        reader.join(10_000);
        assertEquals(Harmonic.EXIT_INPUT, process.exitValue(), output.toString());
        // the variable is reported, not the missing table: it is checked first
        assertTrue(output.toString().contains("HARMONIC_THREADS='abc'"), output.toString());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
