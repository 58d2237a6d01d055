package org.harmonic.core.generator;

import java.util.Map;

import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.table.TableProfile;

/**
 * The generator's {@code harmonic.json}: what it was trained on and how, so the Synthesizer can
 * rebuild prompts and check rows, and people (and KNIME's port view) can see what it is.
 *
 * @param format       file format id
 * @param schema       the training table's profile (column order, types, categories, ranges)
 * @param instructions the instruction settings (description, task, k, seed, permutation, ...)
 * @param baseModel    "default" for the from-scratch model, else the base checkpoint's path
 * @param training     training summary
 * @param privacy      differential-privacy accounting (epsilon, delta, ...), or null without DP
 */
public record GeneratorInfo(String format, TableProfile schema, InstructionConfig instructions, String baseModel,
        TrainingSummary training, Map<String, Object> privacy) {

    public static final String FORMAT = "harmonic-generator/1";

    /**
     * @param examples     instruction examples trained on
     * @param epochs       passes over them
     * @param steps        optimizer steps
     * @param learningRate peak learning rate
     * @param batchSize    examples per micro-batch
     * @param loraRank     LoRA rank, 0 for full fine-tuning
     * @param firstLoss    answer-token loss of the first step
     * @param finalLoss    mean loss of the last tenth of the steps
     * @param seconds      wall-clock training time
     * @param parameters   model parameters
     * @param seed         training seed
     */
    public record TrainingSummary(int examples, int epochs, int steps, double learningRate, int batchSize, int loraRank,
            double firstLoss, double finalLoss, double seconds, long parameters, long seed) {
    }
}
