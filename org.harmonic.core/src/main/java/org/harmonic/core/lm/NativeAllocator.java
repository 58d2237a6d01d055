package org.harmonic.core.lm;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Keeps glibc's allocator from returning libtorch's working memory to the kernel after every
 * operation.
 *
 * <p>Why: libtorch allocates its tensors with {@code malloc}. glibc serves a block above its mmap
 * threshold with a fresh {@code mmap} and unmaps it on free; the threshold adapts upwards only to
 * the largest block freed so far. A KV cache that grows by one column per decoded token asks for
 * a slightly larger block every step, so every step maps new pages, faults them in and unmaps
 * them again, and heap memory freed at the top is trimmed and faulted back in. Measured on 2
 * cores (German credit, default model): sampling 128 rows took 61 s with 18 s of system time;
 * with a fixed 32 MiB mmap threshold, a 1 GiB trim threshold and a 64 MiB top pad 25-31 s with
 * 6 s; 80 training steps 23 s instead of 34 s. The tables and losses are bit-identical: only
 * where memory comes from changes.
 *
 * <p>glibc caps the mmap threshold at 32 MiB, and a training step makes blocks above it once a
 * table's instructions are long: the attention scores, their softmax and their gradients are
 * {@code batch x heads x T x T} floats, 33.5 MiB each at batch 8 and T = 512 (a table of about
 * twenty columns); a pretrained model's logits over a 50k vocabulary are hundreds of MiB. Each
 * such block was mapped, zeroed page by page by the kernel and unmapped again every step: a
 * profile of {@code bench/lm}'s step (B = 8, T = 512) spent a quarter of its time in the kernel
 * clearing pages. So mmap is also switched off for ordinary allocations ({@code M_MMAP_MAX = 0}):
 * large blocks come from the heap and are reused step after step (the step took 0.80 s instead
 * of 0.92-0.95 s on the same loaded machine; 0.46-0.48 s on a quiet one). glibc still maps a
 * block a thread's own arena cannot hold, so nothing fails for want of mmap.
 *
 * <p>The settings are process-wide ({@code mallopt}), applied once when the engine starts, and
 * only on Linux with glibc (elsewhere the call is skipped). The cost is that freed memory stays
 * with the process up to its high-water mark, which the training or sampling reaches anyway.
 * {@code -Dharmonic.allocator.tuning=false} turns it off.
 */
public final class NativeAllocator {

    /** The system property that turns the tuning off ({@code false}). */
    public static final String PROPERTY = "harmonic.allocator.tuning";

    // mallopt parameters of glibc's malloc.h
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_MMAP_MAX = -4;
    /** glibc's largest allowed mmap threshold on 64-bit (HEAP_MAX_SIZE / 2). */
    private static final int MMAP_THRESHOLD_BYTES = 32 << 20;
    private static final int TRIM_THRESHOLD_BYTES = 1 << 30;
    /** Extra memory taken from the kernel whenever the heap grows, so it grows in few large steps. */
    private static final int TOP_PAD_BYTES = 64 << 20;

    private NativeAllocator() {
    }

    /** What {@link #tune()} did, for the log. */
    public enum Outcome { TUNED, DISABLED, NOT_GLIBC, FAILED }

    /** Applies the thresholds once per call; callers call it once per JVM (see DjlRuntime). */
    public static Outcome tune() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return Outcome.DISABLED;
        }
        if (!Platform.isLinux()) {
            return Outcome.NOT_GLIBC;
        }
        try {
            NativeLibrary c = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
            // musl and other C libraries have no gnu_get_libc_version; their mallopt means
            // something else or nothing, so leave them alone.
            c.getFunction("gnu_get_libc_version");
            Function mallopt = c.getFunction("mallopt");
            int mmap = mallopt.invokeInt(new Object[] {M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES});
            int trim = mallopt.invokeInt(new Object[] {M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES});
            int pad = mallopt.invokeInt(new Object[] {M_TOP_PAD, TOP_PAD_BYTES});
            int noMmap = mallopt.invokeInt(new Object[] {M_MMAP_MAX, 0});
            return mmap == 1 && trim == 1 && pad == 1 && noMmap == 1 ? Outcome.TUNED : Outcome.FAILED;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // JNA's native part missing or no such symbol: a slower process, nothing worse.
            return Outcome.NOT_GLIBC;
        }
    }
}
