package org.harmonic.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.harmonic.core.generator.TableTokenizer;
import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The from-scratch generator learns the token sequences the tokenizer makes of its training
 * answers, and the Synthesizer only lets it emit what the row constraint allows. So every
 * training answer, tokenized exactly as the FineTuner tokenizes it (the Rust tokenizer through
 * DJL), must pass the constraint token by token; a value whose tokens the constraint refuses can
 * never be sampled (issue 11: hyphenated census categories never appeared).
 */
class TrainingAnswersFollowTheGrammarTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyTrainingAnswerPassesTheConstraintTokenByToken(long seed) {
        Table table = AdversarialTables.random(seed, 60);
        TableProfile schema = TableProfile.of(table, AdversarialTables.TARGET);
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, AdversarialTables.TARGET)
                .withFilter(FilterMode.NONE).withPermute(seed % 2 == 0).withPromptCount(0);
        List<InstructionExample> examples = new InstructionBuilder().build(table, config, Progress.none()).training();
        TableTokenizer.train(examples, schema, Progress.none()).writeTo(dir);
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            byte[][] tokenBytes = TokenBytes.of(tokenizer);
            TokenTrie trie = new TokenTrie(tokenBytes);
            int end = tokenizer.eosId();
            BitSet keptWhole = TokenBytes.keptWhole(tokenizer);
            int forcedTaken = 0;
            for (InstructionExample example : examples) {
                int[] ids = tokenizer.encode(example.answer());
                RowConstraint constraint = new RowConstraint(new RowGrammar(schema, example.columnOrder(), 0.0),
                        trie, tokenBytes, end, new double[0], keptWhole);
                StringBuilder decoded = new StringBuilder();
                for (int id : ids) {
                    BitSet allowed = constraint.allowed();
                    assertTrue(allowed.get(id), () -> "token " + id + " '" + text(tokenBytes[id]) + "' refused after '"
                            + decoded + "' in answer " + example.answer() + " tokenized as " + Arrays.toString(ids));
                    // a token the sampler would take without the model is the one the training answer has there
                    int forced = constraint.forcedToken();
                    if (forced >= 0) {
                        assertEquals(id, forced, () -> "forced '" + text(tokenBytes[forced]) + "' after '" + decoded
                                + "' where the answer " + example.answer() + " has '" + text(tokenBytes[id]) + "'");
                        forcedTaken++;
                    }
                    constraint.accept(id);
                    decoded.append(text(tokenBytes[id]));
                }
                assertEquals(example.answer(), decoded.toString(), "the token bytes spell the answer");
                assertTrue(constraint.allowed().get(end), "the end token closes " + example.answer());
                assertEquals(end, constraint.forcedToken());
                constraint.accept(end);
            }
            // keys are forced where the tokenizer keeps them whole (the first key of an answer never is: a
            // space may precede it)
            assertTrue(forcedTaken >= 2 * examples.size(),
                    "forced tokens taken: " + forcedTaken + " in " + examples.size() + " answers");
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "<special>" : new String(bytes, StandardCharsets.UTF_8);
    }
}
