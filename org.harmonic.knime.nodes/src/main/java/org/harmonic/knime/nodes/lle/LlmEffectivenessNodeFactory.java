package org.harmonic.knime.nodes.lle;

import org.harmonic.knime.nodes.common.HarmonicNodeFactory;

/** LLM Effectiveness (LLE): real training + synthetic + real test tables → scores table (description in the .xml next to this class). */
public final class LlmEffectivenessNodeFactory extends HarmonicNodeFactory<LlmEffectivenessNodeModel> {

    public LlmEffectivenessNodeFactory() {
        // a lambda, not a constructor reference: the dialog (Swing) class loads only when it is opened
        super(LlmEffectivenessNodeModel::new, () -> new LlmEffectivenessNodeDialog());
    }
}
