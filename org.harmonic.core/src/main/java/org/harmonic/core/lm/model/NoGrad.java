package org.harmonic.core.lm.model;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs a block with PyTorch's autograd recording off and restores it after. Grad mode is
 * thread-local in libtorch and DJL only switches it off on the thread that initialised the
 * engine, so inference on any other thread (a KNIME worker) would otherwise build graphs, and
 * operations on trainable weights would record history.
 */
final class NoGrad {

    private NoGrad() {
    }

    static <T> T call(Supplier<T> body) {
        boolean previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
        try {
            return body.get();
        } finally {
            if (previous) {
                JniUtils.setGradMode(true);
            }
        }
    }
}
