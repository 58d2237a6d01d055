package org.harmonic.cli;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.options.SynthesizeOptions;
import org.harmonic.core.synth.Chunk;
import org.harmonic.core.synth.SynthesisConfig;

import picocli.CommandLine.Option;

/** Synthesizer options shared by {@code synthesize} and {@code run}. */
final class SamplingOptions {

    // defaults: SynthesizeOptions.SPECS, shared with the KNIME node (through CoreDefaults)
    @Option(names = "--temperature", paramLabel = "T",
            description = "sampling temperature of the values the other temperatures leave (the numbers); 0 = greedy; "
            + "the reference used 0.7 (default: " + SamplingConfig.DEFAULT_TEMPERATURE + ", or "
            + SynthesisConfig.PRIVATE_TEMPERATURE + " for a generator trained with differential privacy)")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P",
            description = "nucleus sampling mass; the reference used 0.9 (default: ${DEFAULT-VALUE})")
    Double topP;

    @Option(names = "--top-k", paramLabel = "K",
            description = "keep the K most likely tokens; 0 = all; the reference used 50 (default: ${DEFAULT-VALUE})")
    Integer topK;

    @Option(names = "--condition", paramLabel = "COLUMN=VALUE", description = "fix a column's value in every row "
            + "(repeatable), e.g. --condition status=1")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--balance", paramLabel = "COLUMN", description = "oversample the minority classes of COLUMN up "
            + "to the majority count (with --rows: an equal share per class)")
    String balance;

    @Option(names = "--unique", description = "also reject rows equal to an earlier synthetic row")
    boolean unique;

    @Option(names = "--range-margin", paramLabel = "X", description = "allow numbers up to X times "
            + "the observed range beyond it (default: ${DEFAULT-VALUE})")
    Double rangeMargin;

    @Option(names = "--label-shares", paramLabel = "real|model", description = "label class "
            + "shares of the synthetic table: real = each class keeps its share of the real table (candidates of a "
            + "class that has its share are discarded), model = as the generator samples them; not with --condition "
            + "or --balance, which decide the classes (default: ${DEFAULT-VALUE})")
    String labelShares;

    @Option(names = "--label-temperature", paramLabel = "T", description = "sampling temperature of a classification "
            + "label's value: below 1 the label follows the row's other columns more decisively (the class shares "
            + "stay as --label-shares says); 1 = the generator's own (default: "
            + SynthesisConfig.DEFAULT_LABEL_TEMPERATURE + ", or " + SynthesisConfig.PRIVATE_LABEL_TEMPERATURE
            + " for a generator trained with differential privacy)")
    Double labelTemperature;

    @Option(names = "--category-temperature", paramLabel = "T", description = "sampling temperature of the "
            + "values of the other columns with few values (text with at most 10 categories, whole numbers spanning "
            + "at most 5): above 1 they follow the real table's shares where the generator favours their "
            + "majority values; 1 = the generator's own (default: ${DEFAULT-VALUE})")
    Double categoryTemperature;

    @Option(names = "--decimal-temperature", paramLabel = "T", description = "sampling temperature of the "
            + "values of number columns with fractions (33.6; not whole numbers, not the target) that on their own rank "
            + "one of a class label's classes at an AUC of 0.6 or more (all of them where there is no class label): "
            + "below 1 each row's value keeps closer to what its neighbourhood makes likely, which keeps the classes as "
            + "far apart as in the real table; 1 = the generator's own (default: ${DEFAULT-VALUE})")
    Double decimalTemperature;

    @Option(names = "--predictor-temperature", paramLabel = "T", description = "sampling temperature of the values "
            + "of the number column that predicts the class label best on its own, where it does strongly (ranks its "
            + "classes at an AUC of 0.75 or more, as Diabetes' Glucose; not the target; one column at most): the label's "
            + "signal is sharpened where it is, and the synthetic table trains classifiers better; 1 = the generator's "
            + "own (default: ${DEFAULT-VALUE})")
    Double predictorTemperature;

    @Option(names = "--guidance", paramLabel = "G", description = "how much more each row's numbers follow the rows "
            + "of its own prompt than those of another prompt (drawn from logits + G x (logits - logits after another "
            + "prompt); sampling then takes about 1.2 times as long); 0 = off (default: "
            + SynthesisConfig.DEFAULT_GUIDANCE + ", or " + SynthesisConfig.PRIVATE_GUIDANCE
            + " for a generator trained with differential privacy)")
    Double guidance;

    @Option(names = "--sample-batch", paramLabel = "N",
            description = "sequences decoded together (default: ${DEFAULT-VALUE})")
    Integer batch;

    @Option(names = "--rows-per-prompt", paramLabel = "N", description = "candidates sampled from each generation "
            + "prompt, 1 to " + SynthesisConfig.MAX_ROWS_PER_PROMPT + ": a prompt is most of a sequence's tokens, so "
            + "N > 1 samples faster (German credit: 2 about 1.3x, 4 about 1.6x) from fewer neighbourhoods (small "
            + "tables lose some fidelity and utility; docs/quality.md sections 9, 20, 30) (default: 1 below "
            + SynthesisConfig.SHARED_PROMPTS_FROM_ROWS + " real rows, " + SynthesisConfig.SHARED_PROMPT_ROWS
            + " from there)")
    Integer rowsPerPrompt;

    @Option(names = "--chunk", paramLabel = "I/N", description = "make part I (from 0) of "
            + "N parts of the job: its share of the rows, with a seed of its own, so N runs (parallel, on several "
            + "machines) together make the rows asked for, each reproducible (default: ${DEFAULT-VALUE}, the whole "
            + "job)")
    String chunk;

    /** The part of the job {@code --chunk} names. */
    Chunk chunk() {
        return chunk == null ? Chunk.WHOLE : Chunk.parse(chunk);
    }

    /** The options as the core's one model of them, with the command's {@code --rows} (null if not given). */
    SynthesizeOptions options(Integer rows) {
        return new SynthesizeOptions(Front.CLI, rows, temperature, topK, topP, conditions, balance, unique, rangeMargin,
                labelShares, labelTemperature, categoryTemperature, decimalTemperature, predictorTemperature, guidance,
                batch, rowsPerPrompt, chunk());
    }

    /**
     * Checks the options that need neither table nor generator (sampling numbers, --sample-batch,
     * --rows, the form of each --condition), so commands can call it before any long step;
     * {@code rows} is the --rows value or null.
     */
    void check(Integer rows) {
        options(rows).config(1, 0);
    }
}
