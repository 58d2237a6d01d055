package org.harmonic.core.lm.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.WeightSource;
import org.harmonic.core.util.HarmonicInputException;

/** In-memory weights by Hugging Face name, for tests. */
final class MapWeightSource implements WeightSource {

    private final Map<String, TensorData> tensors;

    MapWeightSource(Map<String, TensorData> tensors) {
        this.tensors = new LinkedHashMap<>(tensors);
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    @Override
    public TensorData get(String name) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new HarmonicInputException("test checkpoint has no tensor " + name);
        }
        return t;
    }

    @Override
    public void close() {
    }
}
