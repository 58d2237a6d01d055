package org.harmonic.core.knn;

/**
 * numpy's legacy {@code RandomState(seed)} as far as pandas' {@code sample(n, random_state)}
 * uses it: MT19937 seeded with the classic {@code init_genrand}, and {@code permutation(n)},
 * a Fisher-Yates walk from the end that draws each swap partner by masked rejection sampling
 * on 32-bit outputs. Needed only to reproduce the reference's generation prompts (method.md B 3.6).
 */
final class LegacyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    LegacyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("numpy seeds are 32-bit unsigned, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** Next 32-bit output of MT19937 (tempered), as an unsigned value in a long. */
    long nextUnsignedInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** Uniform integer in [0, max] by masked rejection, as numpy's legacy {@code random_interval}. */
    long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUnsignedInt() & mask;
        } while (value > max);
        return value;
    }

    /** {@code permutation(n)}: a shuffled 0..n-1. */
    int[] permutation(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) interval(i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }
}
