package org.harmonic.core.pipeline;

/**
 * Where each phase of a {@link HarmonicPipeline} run ({@code harmonic run}) ends on the progress bar, in proportion to its estimated
 * seconds, so the ETA holds from the first minutes (fixed shares gave training 68 % of the bar
 * whatever the table, and a 26k-row table's 50 minutes of sampling 20 %). Estimates per 21 columns
 * (an instruction's length grows with the columns), calibrated on German credit (700 rows, 21
 * columns, 2 cores, docs/quality.md run 6: training 308 s for 2,058 steps of 4, sampling 11 s for 700
 * rows, four per prompt): a training pass over one instruction (forward and backward) 0.037 s, a
 * synthetic row 0.016 s, the instructions 2 s; evaluation seconds come from the metrics' own
 * {@link org.harmonic.core.metrics.Metric#cost estimates}.
 *
 * @param instructionsEnd end of building the instructions
 * @param trainingEnd     end of training (and saving) the generator
 * @param synthesisEnd    end of sampling; evaluation takes the rest
 */
public record RunPhases(double instructionsEnd, double trainingEnd, double synthesisEnd) {

    static final double SECONDS_PER_TRAINING_PASS = 0.037;
    static final double SECONDS_PER_SYNTHETIC_ROW = 0.016;
    static final double SECONDS_PER_INSTRUCTION_SET = 2;

    /**
     * @param trainingPasses    instructions the training will pass through (steps x batch)
     * @param syntheticRows     rows to sample (candidates beyond them are not foreseen)
     * @param realRows          rows of the training table
     * @param columns           columns of the table
     * @param evaluationSeconds the selected metrics' summed cost
     */
    public static RunPhases estimate(long trainingPasses, int syntheticRows, int realRows, int columns,
            double evaluationSeconds) {
        double width = columns / 21.0;
        double instructions = SECONDS_PER_INSTRUCTION_SET * realRows / 700.0 * width;
        double training = SECONDS_PER_TRAINING_PASS * trainingPasses * width;
        double synthesis = SECONDS_PER_SYNTHETIC_ROW * syntheticRows * width;
        double total = instructions + training + synthesis + Math.max(0, evaluationSeconds);
        if (!(total > 0)) {
            return new RunPhases(0.02, 0.7, 0.9);
        }
        return new RunPhases(instructions / total, (instructions + training) / total,
                (instructions + training + synthesis) / total);
    }
}
