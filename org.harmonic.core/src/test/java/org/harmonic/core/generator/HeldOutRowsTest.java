package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.train.ExampleEncoder;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping's held-out rows on German credit instructions: the held-out instructions' target
 * rows are masked (weight 0) exactly where training prompts show them, and nowhere else.
 */
class HeldOutRowsTest {

    @TempDir
    Path dir;

    @Test
    void heldOutRowsAreMaskedExactlyWhereTrainingPromptsShowThem() {
        List<InstructionExample> instructions = GermanFixtures.INSTRUCTIONS.training();
        TableTokenizer.train(instructions, TableProfile.of(GermanFixtures.GERMAN, "status"), Progress.none())
                .writeTo(dir);
        HeldOutRows held = HeldOutRows.choose(instructions, 58, 416);
        Set<Integer> heldRows = new HashSet<>();
        int heldCount = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (held.isHeldOut(i)) {
                heldRows.add(instructions.get(i).targetRow());
                heldCount++;
            }
        }
        assertEquals(58, heldCount);
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            ExampleEncoder encoder = new ExampleEncoder(tokenizer::encode, tokenizer.eosId(), 4096);
            int maskedRows = 0;
            for (int i = 0; i < instructions.size(); i++) {
                InstructionExample e = instructions.get(i);
                if (held.isHeldOut(i)) {
                    continue;
                }
                TrainingExample te = held.mask(encoder.encode(e.prompt(), e.answer()).withLossOnSequence(), e,
                        tokenizer);
                // the masked tokens spell exactly the held-out rows the prompt shows
                StringBuilder masked = new StringBuilder();
                StringBuilder expected = new StringBuilder();
                for (int t = te.lossStart(); t < te.length(); t++) {
                    boolean zero = te.weights() != null && te.weights()[t - te.lossStart()] == 0f;
                    if (zero) {
                        masked.append(new String(tokenizer.tokenBytes(te.ids()[t]), StandardCharsets.UTF_8));
                    }
                }
                String[] lines = e.prompt().split("\n", -1);
                int shown = 0;
                for (String line : lines) {
                    if (line.startsWith("Example ")) {
                        if (heldRows.contains(e.exampleRows()[shown])) {
                            expected.append(line.substring(line.indexOf('{')));
                            maskedRows++;
                        }
                        shown++;
                    }
                }
                assertEquals(expected.toString(), masked.toString(), "instruction " + i);
                assertTrue(!heldRows.contains(e.targetRow()), "a held-out row is never a training answer");
            }
            assertTrue(maskedRows > 100, maskedRows + " masked neighbour rows: held-out rows do appear as neighbours");
        }
    }
}
