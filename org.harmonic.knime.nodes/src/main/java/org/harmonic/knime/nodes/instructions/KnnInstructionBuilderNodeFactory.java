package org.harmonic.knime.nodes.instructions;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** KNN Instruction Builder: table → instruction table (description in the .xml next to this class). */
public final class KnnInstructionBuilderNodeFactory extends NodeFactory<KnnInstructionBuilderNodeModel> {

    @Override
    public KnnInstructionBuilderNodeModel createNodeModel() {
        return new KnnInstructionBuilderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @Override
    public NodeView<KnnInstructionBuilderNodeModel> createNodeView(final int viewIndex,
            final KnnInstructionBuilderNodeModel nodeModel) {
        return null;
    }

    @Override
    protected boolean hasDialog() {
        return true;
    }

    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new KnnInstructionBuilderNodeDialog();
    }
}
