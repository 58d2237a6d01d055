package org.harmonic.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.harmonic.core.util.CanceledException;

/**
 * A small fixed thread pool that runs a loop over rows in contiguous chunks. Every row's result
 * depends only on that row, so the outcome is the same for any number of threads.
 */
public final class ParallelRows implements AutoCloseable {
    private static final int CHUNK = 32;

    /** Work on rows [from, to). */
    @FunctionalInterface
    public interface Chunk {
        void run(int from, int to);
    }

    private final ExecutorService pool;
    private final int threads;

    public ParallelRows(int threads) {
        this.threads = Math.max(1, threads);
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "harmonic-metrics");
            t.setDaemon(true);
            return t;
        });
    }

    public void forEach(int rows, Chunk chunk) {
        if (threads == 1 || rows <= CHUNK) {
            chunk.run(0, rows);
            return;
        }
        int perTask = Math.max(CHUNK, (rows + threads * 4 - 1) / (threads * 4));
        List<Future<?>> futures = new ArrayList<>();
        for (int from = 0; from < rows; from += perTask) {
            int f = from;
            int t = Math.min(rows, from + perTask);
            futures.add(pool.submit(() -> chunk.run(f, t)));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
