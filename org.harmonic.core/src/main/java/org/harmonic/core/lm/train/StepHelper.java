package org.harmonic.core.lm.train;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import org.harmonic.core.util.HelperThreads;

/**
 * The second thread of a training step: libtorch runs one intra-op thread
 * ({@link org.harmonic.core.lm.DjlRuntime#setOfflineFlags}), so a step uses a second core only by
 * backpropagating part of its examples on another Java thread. DJL's {@code GradientCollector} allows one
 * open collector in the JVM (the calling thread's), so the helper switches libtorch's thread-local autograd
 * recording on itself and calls the backward pass the collector would ({@link #backward}).
 */
final class StepHelper implements AutoCloseable {
    /** Made on first use, stopped by {@link #close}. */
    private ExecutorService executor;

    /**
     * Runs {@code there} on the helper thread, with autograd recording, while {@code here} runs on this
     * thread; returns {@code there}'s result once both are done. The helper is always waited for, also when
     * {@code here} throws: the caller frees the step's arrays next, which a running helper would still read.
     */
    <T> T alongside(Supplier<T> there, Runnable here) {
        Future<T> helper = executor().submit(() -> {
            boolean previous = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try {
                return there.get();
            } finally {
                JniUtils.setGradMode(previous);
            }
        });
        boolean joined = false;
        try {
            here.run();
            T result = HelperThreads.join(helper); // an interrupt: the finally below waits for the helper
            joined = true;
            return result;
        } finally {
            if (!joined) {
                HelperThreads.awaitQuietly(helper);
            }
        }
    }

    /**
     * Backpropagates {@code loss} into the gradients of the leaves it depends on (on the helper thread; the
     * calling thread's collector does the same with {@code collector::backward}).
     */
    static void backward(NDArray loss) {
        NDArray seed = loss.getManager().ones(loss.getShape(), loss.getDataType());
        JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }

    /** The step's examples in two halves, the first one the larger by one when their count is odd. */
    static List<int[]> halves(int[] batch) {
        int half = (batch.length + 1) / 2;
        return List.of(Arrays.copyOfRange(batch, 0, half), Arrays.copyOfRange(batch, half, batch.length));
    }

    private ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "harmonic-training");
                t.setDaemon(true);
                return t;
            });
        }
        return executor;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
            executor = null;
        }
    }
}
