package org.harmonic.core.lm;

import java.util.Set;

/**
 * Named FP32 weights of a checkpoint, looked up by their Hugging Face names. Implemented by
 * the safetensors reader (single file or sharded through {@code model.safetensors.index.json})
 * and by in-memory maps in tests.
 */
public interface WeightSource extends AutoCloseable {

    /** All tensor names available. */
    Set<String> names();

    /**
     * The tensor with this name.
     *
     * @throws org.harmonic.core.util.HarmonicInputException naming the file and tensor when it is
     *         missing or unreadable
     */
    TensorData get(String name);

    @Override
    void close();
}
