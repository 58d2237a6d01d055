package org.harmonic.core.lm.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The privacy a DP-SGD training spends, as stored in the generator's {@code harmonic.json}
 * ({@code privacy}) and shown by the CLI and the Fine-Tuner node.
 *
 * @param epsilon         epsilon spent at {@code delta} (RDP accountant, Balle et al. 2020 conversion)
 * @param delta           delta
 * @param targetEpsilon   the epsilon asked for (NaN when a noise multiplier was given instead)
 * @param order           the RDP order that attains {@code epsilon}
 * @param noiseMultiplier sigma: the noise standard deviation is sigma * C
 * @param clipNorm        per-example clipping norm C
 * @param samplingRate    q = expected batch / examples
 * @param steps           DP-SGD steps
 * @param examples        private training examples n
 * @param expectedBatch   expected examples per step (q * n)
 * @param poisson         Poisson sampling; false: shuffled fixed-size batches accounted as Poisson
 * @param noise           the generator the Gaussian noise and the private batches are drawn from
 *                        ("SecureRandom DRBG": cryptographically secure, not derived
 *                        from the training seed)
 */
public record DpAccounting(double epsilon, double delta, double targetEpsilon, double order, double noiseMultiplier,
        double clipNorm, double samplingRate, int steps, int examples, double expectedBatch, boolean poisson,
        String noise) {

    public static final String ACCOUNTANT = "RDP of the sampled Gaussian mechanism (Mironov, Talwar, Zhang 2019), "
            + "(epsilon, delta) by Balle et al. 2020, theorem 21";

    /** The accounting after {@code done} of the steps. */
    public DpAccounting after(int done, RdpAccountant accountant) {
        RdpAccountant.Spent spent = accountant.spent(samplingRate, noiseMultiplier, done, delta);
        return new DpAccounting(spent.epsilon(), delta, targetEpsilon, spent.order(), noiseMultiplier, clipNorm,
                samplingRate, done, examples, expectedBatch, poisson, noise);
    }

    /** The {@code privacy} entry of harmonic.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mechanism", "DP-SGD");
        out.put("epsilon", epsilon);
        out.put("delta", delta);
        if (!Double.isNaN(targetEpsilon)) {
            out.put("target_epsilon", targetEpsilon);
        }
        out.put("noise_multiplier", noiseMultiplier);
        out.put("clip_norm", Double.isInfinite(clipNorm) ? "Infinity" : clipNorm);
        out.put("sampling_rate", samplingRate);
        out.put("expected_batch", expectedBatch);
        out.put("steps", steps);
        out.put("examples", examples);
        out.put("sampling", poisson ? "poisson" : "shuffled fixed-size batches (accounted as Poisson: an approximation)");
        out.put("noise", noise);
        out.put("noise_covers", "the Gaussian noise and the private batch sampling; not derived from the training "
                + "seed, so a private training cannot be replayed from it");
        out.put("accountant", ACCOUNTANT);
        out.put("rdp_order", order);
        return out;
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return String.format("epsilon %.3f at delta %.3g (sigma %.3f, C %s, q %.4f, %d steps, %s)", epsilon, delta,
                noiseMultiplier, Double.isInfinite(clipNorm) ? "inf" : String.format("%.3g", clipNorm), samplingRate,
                steps, poisson ? "Poisson sampling" : "shuffled batches");
    }
}
