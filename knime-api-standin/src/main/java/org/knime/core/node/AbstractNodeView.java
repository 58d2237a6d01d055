package org.knime.core.node;

/**
 * Base of node views.
 *
 * @param <T> the model a view shows
 */
public abstract class AbstractNodeView<T extends AbstractNodeView.ViewableModel> {
    private final T m_model;

    protected AbstractNodeView(final T viewableModel) {
        m_model = viewableModel;
    }

    protected final T getViewableModel() {
        return m_model;
    }

    public NodeLogger getLogger() {
        return NodeLogger.getLogger(getClass());
    }

    protected abstract void modelChanged();

    protected void updateModel(final Object arg) {
        modelChanged();
    }

    /** Marker of models that can have views. */
    public static interface ViewableModel {
    }
}
