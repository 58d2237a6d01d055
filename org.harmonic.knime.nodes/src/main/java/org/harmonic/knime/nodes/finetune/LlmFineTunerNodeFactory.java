package org.harmonic.knime.nodes.finetune;

import org.harmonic.knime.nodes.common.HarmonicNodeFactory;

/** LLM Fine-Tuner: instruction table → generator port (description in the .xml next to this class). */
public final class LlmFineTunerNodeFactory extends HarmonicNodeFactory<LlmFineTunerNodeModel> {

    public LlmFineTunerNodeFactory() {
        // a lambda, not a constructor reference: the dialog (Swing) class loads only when it is opened
        super(LlmFineTunerNodeModel::new, () -> new LlmFineTunerNodeDialog());
    }
}
