package org.harmonic.core.lm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trainings in one JVM (two Fine-Tuner nodes, or a Fine-Tuner and LLE, in one KNIME): DJL's
 * GradientCollector is JVM-global, so they take turns per optimizer step, and both finish.
 */
class ConcurrentTrainingTest {

    @TempDir
    Path dir;

    @Test
    void twoTrainingsOnTwoThreadsBothFinishWithFiniteLosses() throws Exception {
        TinyGerman german = new TinyGerman(dir, 16);
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(2);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Trainer.Result>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    try (CausalLm model = german.model()) {
                        start.await();
                        return new Trainer(training, german.eos).train(model, german.examples, null,
                                Progress.none());
                    }
                }));
            }
            start.countDown();
            for (Future<Trainer.Result> run : runs) {
                Trainer.Result result = run.get(10, TimeUnit.MINUTES);
                assertEquals(8, result.steps());
                assertEquals(8, result.losses().size());
                assertTrue(result.losses().stream().allMatch(Double::isFinite), result.losses().toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTrainingWaitingForItsTurnStaysCancelable() throws Exception {
        TinyGerman german = new TinyGerman(dir, 4);
        AtomicBoolean canceled = new AtomicBoolean();
        Progress progress = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCanceled() {
                return canceled.get();
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (DjlRuntime.Scope other = DjlRuntime.autogradTurn(Progress.none()); CausalLm model = german.model()) {
            // another training holds the autograd section (here: this thread, for as long as it likes)
            Future<Trainer.Result> waiting = pool.submit(() -> new Trainer(TrainingConfig.defaults().withEpochs(1)
                    .withBatchSize(2), german.eos).train(model, german.examples, null, progress));
            Thread.sleep(300);
            canceled.set(true);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> waiting.get(5, TimeUnit.SECONDS));
            assertInstanceOf(CanceledException.class, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
