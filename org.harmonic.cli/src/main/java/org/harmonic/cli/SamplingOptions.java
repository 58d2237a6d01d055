package org.harmonic.cli;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.synth.Chunk;
import org.harmonic.core.synth.Condition;
import org.harmonic.core.synth.LabelShares;
import org.harmonic.core.synth.SynthesisConfig;

import picocli.CommandLine.Option;

/** Synthesizer options shared by {@code synthesize} and {@code run}. */
final class SamplingOptions {

    // defaults: SamplingConfig's and SynthesisConfig's constants, shared with the KNIME node
    @Option(names = "--temperature", defaultValue = "" + SamplingConfig.DEFAULT_TEMPERATURE,
            description = "sampling temperature; 0 = greedy; the reference used 0.7 (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-p", defaultValue = "" + SamplingConfig.DEFAULT_TOP_P, paramLabel = "P",
            description = "nucleus sampling mass; the reference used 0.9 (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--top-k", defaultValue = "" + SamplingConfig.DEFAULT_TOP_K, paramLabel = "K",
            description = "keep the K most likely tokens; 0 = all; the reference used 50 (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--condition", paramLabel = "COLUMN=VALUE", description = "fix a column's value in every row "
            + "(repeatable), e.g. --condition status=1")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--balance", paramLabel = "COLUMN", description = "oversample the minority classes of COLUMN up "
            + "to the majority count (with --rows: an equal share per class)")
    String balance;

    @Option(names = "--unique", description = "also reject rows equal to an earlier synthetic row")
    boolean unique;

    @Option(names = "--range-margin", defaultValue = "0", paramLabel = "X", description = "allow numbers up to X times "
            + "the observed range beyond it (default: ${DEFAULT-VALUE})")
    double rangeMargin;

    @Option(names = "--label-shares", paramLabel = "real|model", defaultValue = "real", description = "label class "
            + "shares of the synthetic table: real = each class keeps its share of the real table (candidates of a "
            + "class that has its share are discarded), model = as the generator samples them; not with --condition "
            + "or --balance, which decide the classes (default: ${DEFAULT-VALUE})")
    String labelShares;

    @Option(names = "--label-temperature", paramLabel = "T", defaultValue = ""
            + SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, description = "sampling temperature of a classification "
            + "label's value: below 1 the label follows the row's other columns more decisively (the class shares "
            + "stay as --label-shares says); 1 = the generator's own (default: ${DEFAULT-VALUE})")
    double labelTemperature;

    @Option(names = "--sample-batch", defaultValue = "" + SynthesisConfig.DEFAULT_BATCH_SIZE, paramLabel = "N",
            description = "sequences decoded together (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--chunk", paramLabel = "I/N", defaultValue = "0/1", description = "make part I (from 0) of "
            + "N parts of the job: its share of the rows, with a seed of its own, so N runs (parallel, on several "
            + "machines) together make the rows asked for, each reproducible (default: ${DEFAULT-VALUE}, the whole "
            + "job)")
    String chunk;

    /** The part of the job {@code --chunk} names. */
    Chunk chunk() {
        return Chunk.parse(chunk);
    }

    /**
     * Checks the options that need neither table nor generator (sampling numbers, --sample-batch,
     * --rows, the form of each --condition), so commands can call it before any long step;
     * {@code rows} is the --rows value or null.
     */
    void check(Integer rows) {
        config(rows != null ? rows : balance != null ? 0 : 1, 0);
    }

    SynthesisConfig config(int rows, long seed) {
        List<Condition> parsed = new ArrayList<>();
        for (String c : conditions) {
            parsed.add(Condition.parse(c));
        }
        // one constructor call, not of(rows).withBalance(..): rows 0 ("up to the majority") is valid
        // only together with a balance column, and of(0, seed) alone would be rejected
        return new SynthesisConfig(rows, seed, new SamplingConfig(temperature, topK, topP,
                SamplingConfig.DEFAULT_MAX_NEW_TOKENS), rangeMargin, unique,
                parsed, balance, batch, SynthesisConfig.MIN_ACCEPTANCE, LabelShares.parse(labelShares),
                labelTemperature, chunk());
    }
}
