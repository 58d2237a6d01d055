package org.harmonic.knime.nodes.instructions;

import org.harmonic.knime.nodes.common.HarmonicNodeFactory;

/** KNN Instruction Builder: table → instruction table (description in the .xml next to this class). */
public final class KnnInstructionBuilderNodeFactory extends HarmonicNodeFactory<KnnInstructionBuilderNodeModel> {

    public KnnInstructionBuilderNodeFactory() {
        // a lambda, not a constructor reference: the dialog (Swing) class loads only when it is opened
        super(KnnInstructionBuilderNodeModel::new, () -> new KnnInstructionBuilderNodeDialog());
    }
}
