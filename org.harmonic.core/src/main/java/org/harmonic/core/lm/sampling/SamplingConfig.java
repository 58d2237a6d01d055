package org.harmonic.core.lm.sampling;

import org.harmonic.core.util.HarmonicInputException;

/**
 * How tokens are drawn from the model's next-token distribution.
 *
 * @param temperature  divides the logits; 0 means greedy (the most likely allowed token); {@link #AUTOMATIC_TEMPERATURE}
 *                     (NaN) leaves it to whoever samples (the Synthesizer chooses it by the generator:
 *                     {@code SynthesisConfig#temperatureFor}), and a {@link TokenSampler} needs a number
 * @param topK         keep only the k most likely tokens; 0 for no limit
 * @param topP         keep the smallest set of tokens whose probability reaches p (nucleus); 1 for all
 * @param maxNewTokens stop a sequence after this many generated tokens
 */
public record SamplingConfig(double temperature, int topK, double topP, int maxNewTokens) {

    /**
     * Default temperature, top-k and top-p, for every front-end (CLI options and KNIME settings
     * read these constants): the generator's own distribution. The reference's 0.7 / top-k 50 /
     * top-p 0.9 sharpen it towards the majority class (German credit: 10 % bad-credit rows instead
     * of 20 %, real 29 %) and cut every column's tails.
     */
    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final int DEFAULT_TOP_K = 0;
    public static final double DEFAULT_TOP_P = 1.0;
    public static final int DEFAULT_MAX_NEW_TOKENS = 512;

    /** The temperature "not given": chosen by whoever samples, before a {@link TokenSampler} is made. */
    public static final double AUTOMATIC_TEMPERATURE = Double.NaN;

    /**
     * The default sampling: top-k, top-p and the token limit at their defaults, the temperature
     * {@link #AUTOMATIC_TEMPERATURE} (whoever samples chooses it; {@link #DEFAULT_TEMPERATURE} for a plain generator).
     */
    public static SamplingConfig automatic() {
        return new SamplingConfig(AUTOMATIC_TEMPERATURE, DEFAULT_TOP_K, DEFAULT_TOP_P, DEFAULT_MAX_NEW_TOKENS);
    }

    public SamplingConfig {
        if (!(temperature >= 0 || Double.isNaN(temperature)) || Double.isInfinite(temperature)) {
            throw new HarmonicInputException("temperature must be >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new HarmonicInputException("top-k must be >= 0 (0 = no limit), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new HarmonicInputException("top-p must be in (0, 1], got " + topP);
        }
        if (maxNewTokens < 1) {
            throw new HarmonicInputException("the token limit must be positive, got " + maxNewTokens);
        }
    }
}
