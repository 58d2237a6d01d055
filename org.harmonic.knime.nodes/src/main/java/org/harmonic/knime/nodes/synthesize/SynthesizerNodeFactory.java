package org.harmonic.knime.nodes.synthesize;

import org.harmonic.knime.nodes.common.HarmonicNodeFactory;

/** Synthesizer: generator port + real table → synthetic table (description in the .xml next to this class). */
public final class SynthesizerNodeFactory extends HarmonicNodeFactory<SynthesizerNodeModel> {

    public SynthesizerNodeFactory() {
        super(SynthesizerNodeModel::new, SynthesizerNodeDialog::new);
    }
}
