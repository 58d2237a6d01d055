package org.knime.core.node.config.base;

import java.io.Serializable;
import java.util.Collections;
import java.util.Enumeration;

import javax.swing.tree.TreeNode;

/**
 * KNIME's root of the settings tree (bundle org.knime.core.util): an entry with a key. The stand-in
 * keeps the key, {@code equals}/{@code hashCode} and KNIME's leaf defaults of the {@link TreeNode}
 * methods; it omits the entry type, parent links and JSON support, so a stand-in config is not
 * browsable as a tree.
 */
public abstract class AbstractConfigEntry implements Serializable, TreeNode {
    private static final long serialVersionUID = 1L;

    private String m_key;

    AbstractConfigEntry(final String key) {
        m_key = checkKey(key);
    }

    private static String checkKey(final String key) {
        if (key == null) {
            throw new IllegalArgumentException("Key must not be null!");
        }
        return key;
    }

    public final String getKey() {
        return m_key;
    }

    final void setKey(final String key) {
        m_key = checkKey(key);
    }

    /** As in KNIME: same class, same key and {@link #hasIdenticalValue identical values}. */
    @Override
    public boolean equals(final Object o) {
        if (o == this) {
            return true;
        }
        if (o == null || !o.getClass().equals(getClass())) {
            return false;
        }
        AbstractConfigEntry other = (AbstractConfigEntry)o;
        return m_key.equals(other.m_key) && hasIdenticalValue(other);
    }

    abstract boolean hasIdenticalValue(AbstractConfigEntry ace);

    @Override
    public int hashCode() {
        return m_key.hashCode();
    }

    @Override
    public TreeNode getChildAt(final int childIndex) {
        return null;
    }

    @Override
    public int getChildCount() {
        return 0;
    }

    @Override
    public final TreeNode getParent() {
        return null;
    }

    @Override
    public int getIndex(final TreeNode node) {
        return -1;
    }

    @Override
    public final boolean getAllowsChildren() {
        return !isLeaf();
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public Enumeration<TreeNode> children() {
        return Collections.emptyEnumeration();
    }
}
