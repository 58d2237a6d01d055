package org.harmonic.knime.nodes.synthesize;

import org.harmonic.knime.nodes.common.HarmonicNodeFactory;

/** Synthesizer: generator port + real table → synthetic table (description in the .xml next to this class). */
public final class SynthesizerNodeFactory extends HarmonicNodeFactory<SynthesizerNodeModel> {

    public SynthesizerNodeFactory() {
        // a lambda, not a constructor reference: the dialog (Swing) class loads only when it is opened
        super(SynthesizerNodeModel::new, () -> new SynthesizerNodeDialog());
    }
}
