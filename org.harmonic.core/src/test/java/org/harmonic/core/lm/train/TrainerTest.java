package org.harmonic.core.lm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.TableTokenizer;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.generator.GermanFixtures;
import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.tokenizer.TableTokenizerTrainer;
import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on real German credit instructions with a tiny from-scratch model. */
class TrainerTest {
    @TempDir
    static Path dir;

    private static List<TrainingExample> examples;
    private static ModelConfig config;
    private static int eos;

    @BeforeAll
    static void tokenize() {
        // the majority filter's first 24 groups, not the default's: a fixed scenario whose held-out loss is known
        // to level off within the plan, whatever filter the default preset uses
        List<InstructionExample> subset = new InstructionBuilder().build(GermanFixtures.GERMAN,
                GermanFixtures.INSTRUCTIONS.config().withFilter(FilterMode.MAJORITY), Progress.none())
                .training().subList(0, 24);
        List<String> texts = new ArrayList<>();
        for (InstructionExample e : subset) {
            texts.add(ChatFormat.wrapPrompt(e.prompt()));
            texts.add(e.answer());
        }
        new TableTokenizerTrainer().addedTokens(TableTokenizer.wholeTokens(TableProfile.of(GermanFixtures.GERMAN, "status")))
                .train(texts, Progress.none()).writeTo(dir);
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            eos = tokenizer.eosId();
            ExampleEncoder encoder = new ExampleEncoder(tokenizer::encode, eos, 4096);
            examples = new ArrayList<>();
            int longest = 0;
            for (InstructionExample e : subset) {
                TrainingExample te = encoder.encode(e.prompt(), e.answer());
                examples.add(te);
                longest = Math.max(longest, te.length());
            }
            config = DefaultGenerator.config(DefaultGenerator.Size.tiny(), tokenizer.vocabSize(), longest,
                    tokenizer.bosId(), eos);
        }
    }

    private static CausalLm model() {
        return CausalLm.random(config, 7, Device.cpu());
    }

    @Test
    void answerLossFallsFarBelowItsStart() {
        TrainingConfig training = TrainingConfig.defaults().withEpochs(6).withBatchSize(4).withLearningRate(1e-2);
        try (CausalLm model = model()) {
            Trainer.Result result = new Trainer(training, eos).train(model, examples, null, Progress.none());
            assertEquals(36, result.steps());
            assertTrue(result.finalLoss() < 0.5 * result.firstLoss(),
                    "loss " + result.firstLoss() + " -> " + result.finalLoss());
        }
    }

    @Test
    void aTrainingThatHasLearnedDecaysAfterTheHeldOutPlateauAndEndsThere() {
        // 20 instructions trained, 4 held out, a high rate: the held-out loss stops improving within the plan
        TrainingConfig training = TrainingConfig.defaults().withEpochs(20).withBatchSize(4).withLearningRate(1e-2)
                .withStopping(new StoppingRule(0.1, 5, 2, 0, 0, 0.5));
        RecordedProgress progress = new RecordedProgress();
        List<String> messages = progress.messages;
        try (CausalLm model = model()) {
            Trainer.Result r = new Trainer(training, eos).train(model, examples.subList(0, 20),
                    examples.subList(20, 24), null, progress);
            assertEquals(Trainer.LEARNED, r.stopReason());
            // the plateau: the first evaluation after 2 without improvement
            double best = Double.POSITIVE_INFINITY;
            int since = 0;
            int decided = -1;
            for (Trainer.Evaluation e : r.evaluations()) {
                if (e.loss() < best) {
                    best = e.loss();
                    since = 0;
                } else if (++since == 2) {
                    decided = e.step();
                    break;
                }
            }
            assertTrue(decided > 0 && decided < 67, "the plateau came before two thirds of the 100 planned steps: "
                    + decided);
            assertEquals(Math.min(100, decided + Math.max(5, Math.round(0.5 * decided))), r.steps(),
                    "the decay lasts half the steps before it, within the plan");
            assertEquals(r.steps(), r.evaluations().get(r.evaluations().size() - 1).step(), "scored at the end");
            assertTrue(messages.stream().anyMatch(m -> m.contains("held-out loss has not improved since step")),
                    "the progress says why the rate decays");
        }
        // the held-out instructions join the training for the decay: the same plateau, the same length
        RecordedProgress joining = new RecordedProgress();
        List<String> joined = joining.messages;
        try (CausalLm a = model(); CausalLm b = model()) {
            Trainer.Result without = new Trainer(training, eos).train(a, examples.subList(0, 20),
                    examples.subList(20, 24), null, Progress.none());
            Trainer.Result with = new Trainer(training, eos).train(b, examples.subList(0, 20), examples.subList(20, 24),
                    examples.subList(20, 24), null, joining);
            assertEquals(without.steps(), with.steps());
            assertTrue(with.evaluations().get(with.evaluations().size() - 1).step() < with.steps(),
                    "no held-out score once the held-out instructions are trained on");
            assertTrue(joined.contains("4 held-out instructions join the training for the decay"), joined.toString());
            assertEquals(without.losses().subList(0, 10), with.losses().subList(0, 10),
                    "the same steps before the decay");
            assertTrue(!without.losses().equals(with.losses()),
                    "the decay's batches draw from 24 instructions, not 20");
        }
        // the same rule without a decay stops at the plateau and keeps the best weights
        try (CausalLm model = model()) {
            Trainer.Result r = new Trainer(training.withStopping(new StoppingRule(0.1, 5, 2, 0)), eos).train(model,
                    examples.subList(0, 20), examples.subList(20, 24), null, Progress.none());
            assertEquals(Trainer.EARLY, r.stopReason());
            assertTrue(r.bestStep() < r.steps());
        }
    }

    @Test
    void accumulatedMicroBatchesEqualOneLargeBatch() {
        TrainingConfig large = TrainingConfig.defaults().withEpochs(1).withBatchSize(8).withMaxLength(4096);
        TrainingConfig accumulated = large.withBatchSize(2).withAccumulation(4);
        List<TrainingExample> eight = examples.subList(0, 8);
        try (CausalLm a = model(); CausalLm b = model()) {
            new Trainer(large, eos).train(a, eight, null, Progress.none());
            new Trainer(accumulated, eos).train(b, eight, null, Progress.none());
            assertSameWeights(a.exportWeights(), b.exportWeights(), 2e-5f);
        }
    }

    @Test
    void resumingFromACheckpointEqualsAnUninterruptedRun() {
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(4).withCheckpointEvery(2);
        Path checkpoints = dir.resolve("checkpoints");
        try (CausalLm uninterrupted = model(); CausalLm interrupted = model(); CausalLm resumed = model()) {
            new Trainer(training, eos).train(uninterrupted, examples, null, Progress.none());
            // cancel during step 4 of 6: the checkpoint after step 2 survives
            Progress cancelLate = new Progress() {
                private int reports;

                @Override
                public void report(double fraction, String message) {
                    reports++;
                }

                @Override
                public boolean isCanceled() {
                    return reports >= 3;
                }
            };
            assertThrows(CanceledException.class,
                    () -> new Trainer(training, eos).train(interrupted, examples, checkpoints, cancelLate));
            Trainer.Result rest = new Trainer(training, eos).train(resumed, examples, checkpoints, Progress.none());
            assertEquals(6, rest.losses().size(), "losses of the first steps come back with the checkpoint");
            assertSameWeights(uninterrupted.exportWeights(), resumed.exportWeights(), 1e-6f);
        }
    }

    @Test
    void dropoutDrawsFollowTheTrainingsSeedWhateverRanBefore() {
        // LoRA dropout draws from PyTorch's global generator; a KNIME workflow trains several models
        // in one JVM, so a training must not depend on what drew from it before
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(4).withLearningRate(1e-2)
                .withLora(new org.harmonic.core.lm.model.LoraConfig(4, 8, 0.5,
                        java.util.Set.copyOf(org.harmonic.core.lm.model.LoraConfig.LLAMA_MODULES)));
        List<TrainingExample> some = examples.subList(0, 8);
        try (CausalLm first = model(); CausalLm second = model(); CausalLm otherSeed = model()) {
            new Trainer(training, eos).train(first, some, null, Progress.none());
            try (var m = ai.djl.ndarray.NDManager.newBaseManager(Device.cpu())) {
                // draws of another job in between
                ai.djl.nn.norm.Dropout.dropout(m.ones(new ai.djl.ndarray.types.Shape(1000)), 0.5f, true);
            }
            new Trainer(training, eos).train(second, some, null, Progress.none());
            assertSameWeights(first.exportWeights(), second.exportWeights(), 0f);
            new Trainer(training.withSeed(417), eos).train(otherSeed, some, null, Progress.none());
            assertThrows(AssertionError.class,
                    () -> assertSameWeights(first.exportWeights(), otherSeed.exportWeights(), 0f),
                    "another seed, other dropout masks (and example order)");
        }
    }

    private static void assertSameWeights(Map<String, TensorData> a, Map<String, TensorData> b, float tolerance) {
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            float[] x = values(a.get(name));
            float[] y = values(b.get(name));
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(x[i] - y[i]) > tolerance) {
                    assertArrayEquals(x, y, tolerance, name);
                }
            }
        }
    }

    private static float[] values(TensorData t) {
        float[] out = new float[(int) t.elementCount()];
        t.data().duplicate().get(out);
        return out;
    }
}
