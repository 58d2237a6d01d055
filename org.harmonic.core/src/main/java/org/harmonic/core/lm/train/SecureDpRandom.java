package org.harmonic.core.lm.train;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * The randomness DP-SGD's guarantee rests on: the Gaussian noise and the private batches
 * (Poisson sampling, or the shuffle of the fixed-size batches). The guarantee assumes the noise
 * is unknown to whoever sees the model; a generator seeded from the training seed (stored in
 * harmonic.json, 416 by default) would let anyone holding the generator recompute every noise
 * draw and subtract it. So, as in Opacus's secure mode, the draws come from a cryptographically
 * secure generator that seeds itself from the operating system, and a private training is never
 * reproducible from its seed (plain training still is).
 *
 * <p>Why bytes in blocks: {@link SecureRandom#nextGaussian()} (java.util.Random's polar method)
 * makes one synchronized 4-byte request per 32 bits and measured 0.5-0.9 s per million values,
 * about a second per step for a million trainable parameters. Reading the same generator's
 * output 64 KiB at a time and letting {@link RandomGenerator#nextGaussian()} (the JDK's ziggurat
 * on {@link #nextLong()}) turn it into Gaussians draws the same distribution from the same
 * secure bits at about a tenth of that cost (0.06-0.09 s per million, JDK 17, 2 cores).
 * (As in Opacus and TF Privacy, the floating-point Gaussian is not hardened against the low-bit
 * attacks Mironov 2012 describes for Laplace noise.)
 *
 * <p>One instance per training, used from one thread.
 */
final class SecureDpRandom implements RandomGenerator {
    /** NIST SP 800-90A DRBG (Hash_DRBG with SHA-256 by default), in every JDK since 9. */
    static final String ALGORITHM = "DRBG";
    /** How harmonic.json's {@code privacy.noise} names the source. */
    static final String DESCRIPTION = "SecureRandom " + ALGORITHM;

    private final SecureRandom random;
    private final ByteBuffer block = ByteBuffer.allocate(64 * 1024);

    SecureDpRandom() {
        try {
            random = SecureRandom.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no " + ALGORITHM + " SecureRandom, which DP "
                    + "training draws its noise from; run HARMONIC on a standard JDK 17 or newer", e);
        }
        block.position(block.limit()); // empty: the first draw fills it
    }

    @Override
    public long nextLong() {
        if (block.remaining() < Long.BYTES) {
            random.nextBytes(block.array());
            block.clear();
        }
        return block.getLong();
    }
}
