package org.harmonic.core.lm.model;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's autograd recording off for a block and restores it after. Grad mode is
 * thread-local in libtorch and DJL only switches it off on the thread that initialised the
 * engine, so inference on any other thread (a KNIME worker) would otherwise build graphs and
 * refuse in-place updates of trainable weights.
 */
final class NoGrad implements AutoCloseable {

    private final boolean previous;

    NoGrad() {
        previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}
