package org.knime.core.node;

import java.util.EventListener;

/**
 * KNIME's NodeModelWarningListener, which {@code NodeView} implements. The stand-in omits its
 * member {@code warningChanged(Message)} (there is no {@code Message} class here).
 */
public interface NodeModelWarningListener extends EventListener {
}
