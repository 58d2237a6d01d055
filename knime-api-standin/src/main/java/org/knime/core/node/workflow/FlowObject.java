package org.knime.core.node.workflow;

/**
 * KNIME's package-private superclass of {@code FlowVariable}. The stand-in omits its members (the
 * owner {@code NodeID}, {@code clone}, {@code equals}, {@code hashCode}).
 */
abstract class FlowObject implements Cloneable {
}
