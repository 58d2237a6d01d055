package org.harmonic.knime.nodes.common;

import java.util.function.Supplier;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/**
 * What every HARMONIC node factory shares: a model, a settings dialog, no views (results are
 * tables and ports). The description is the XML next to the concrete factory class, which KNIME
 * finds by that class's name.
 */
public abstract class HarmonicNodeFactory<T extends NodeModel> extends NodeFactory<T> {
    private final Supplier<T> m_model;
    private final Supplier<NodeDialogPane> m_dialog;

    /**
     * @param dialog creates the dialog; pass a lambda ({@code () -> new XDialog()}): a constructor
     *               reference would load the Swing dialog class when the factory is created, which
     *               headless runs and the OSGi test (no javax.swing import) must not need
     */
    protected HarmonicNodeFactory(final Supplier<T> model, final Supplier<NodeDialogPane> dialog) {
        m_model = model;
        m_dialog = dialog;
    }

    @Override
    public final T createNodeModel() {
        return m_model.get();
    }

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @Override
    public final NodeView<T> createNodeView(final int viewIndex, final T nodeModel) {
        return null;
    }

    @Override
    protected final boolean hasDialog() {
        return true;
    }

    @Override
    protected final NodeDialogPane createNodeDialogPane() {
        return m_dialog.get();
    }
}
