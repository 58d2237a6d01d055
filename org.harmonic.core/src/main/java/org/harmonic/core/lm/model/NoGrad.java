package org.harmonic.core.lm.model;

import java.util.function.Supplier;

import org.harmonic.core.lm.DjlRuntime;

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
        try (DjlRuntime.Scope off = DjlRuntime.gradRecordingOff()) {
            return body.get();
        }
    }
}
