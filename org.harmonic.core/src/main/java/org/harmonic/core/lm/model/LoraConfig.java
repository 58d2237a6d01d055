package org.harmonic.core.lm.model;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.util.HarmonicInputException;

/**
 * LoRA settings (Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language Models"): each
 * targeted projection {@code W} ({@code [out, in]}) becomes {@code W + (alpha / r) B A} with
 * trainable {@code A} ({@code [r, in]}, small random) and {@code B} ({@code [out, r]}, zero),
 * dropout on the adapter's input, and {@code W} frozen.
 *
 * @param rank          r, the rank of the update
 * @param alpha         scaling numerator; the update is scaled by alpha / r
 * @param dropout       dropout probability on the adapter input while training, in [0, 1)
 * @param targetModules Hugging Face module names (last path segment) that get an adapter
 */
public record LoraConfig(int rank, double alpha, double dropout, Set<String> targetModules) {

    /** Module names a Llama-family model offers. */
    public static final List<String> LLAMA_MODULES =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    /** Module names a GPT-2 model offers ({@code c_proj} covers attention and MLP output). */
    public static final List<String> GPT2_MODULES = List.of("c_attn", "c_proj", "c_fc");

    public LoraConfig {
        if (rank < 1) {
            throw new HarmonicInputException("LoRA rank is " + rank + "; it must be at least 1");
        }
        if (!(alpha > 0)) {
            throw new HarmonicInputException("LoRA alpha is " + alpha + "; it must be positive");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new HarmonicInputException("LoRA dropout is " + dropout + "; it must lie in [0, 1)");
        }
        if (targetModules == null || targetModules.isEmpty()) {
            throw new HarmonicInputException("LoRA has no target modules; name at least one, e.g. "
                    + "q_proj,v_proj for Llama models or c_attn for GPT-2");
        }
        targetModules = Set.copyOf(new TreeSet<>(targetModules));
    }

    /** The usual choice: attention query and value projections (GPT-2: the fused c_attn). */
    public static LoraConfig defaults(ModelConfig config, int rank, double alpha, double dropout) {
        Set<String> targets = config.isLlamaFamily() ? Set.of("q_proj", "v_proj") : Set.of("c_attn");
        return new LoraConfig(rank, alpha, dropout, targets);
    }

    /** alpha / r. */
    public double scaling() {
        return alpha / rank;
    }

    /** Checks that every target names a module of this architecture. */
    void validateFor(ModelConfig config) {
        List<String> offered = config.isLlamaFamily() ? LLAMA_MODULES : GPT2_MODULES;
        for (String t : targetModules) {
            if (!offered.contains(t)) {
                throw new HarmonicInputException("LoRA target module '" + t + "' does not exist in a "
                        + config.modelType() + " model; choose from " + String.join(", ", offered));
            }
        }
    }
}
