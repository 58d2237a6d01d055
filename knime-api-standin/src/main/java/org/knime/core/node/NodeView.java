package org.knime.core.node;

/**
 * A Swing view of a node model (the HARMONIC nodes have none; the stand-in mirrors only the
 * members a view must implement).
 *
 * @param <T> the model class
 */
public abstract class NodeView<T extends NodeModel> extends AbstractNodeView<T>
        implements NodeModelWarningListener {

    protected NodeView(final T nodeModel) {
        super(nodeModel);
    }

    protected abstract void onClose();

    protected abstract void onOpen();

    protected T getNodeModel() {
        return getViewableModel();
    }
}
