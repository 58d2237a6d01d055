package org.harmonic.core.synth;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.harmonic.core.util.PythonJson;

/**
 * The categories a column may take, as a byte trie over their JSON-escaped UTF-8 text: a node is
 * the state after a prefix, so only known categories can be completed.
 */
final class CategoryTrie implements ValueState {
    private byte[] keys = new byte[0];
    private CategoryTrie[] children = new CategoryTrie[0];
    private boolean terminal;

    private CategoryTrie() {
    }

    /** A trie of the given texts (the JSON-escaping is applied here). */
    static CategoryTrie of(Collection<String> texts) {
        CategoryTrie root = new CategoryTrie();
        for (String text : texts) {
            String quoted = PythonJson.quote(text);
            root.add(quoted.substring(1, quoted.length() - 1).getBytes(StandardCharsets.UTF_8));
        }
        return root;
    }

    private void add(byte[] bytes) {
        CategoryTrie node = this;
        for (byte b : bytes) {
            CategoryTrie next = node.child(b);
            if (next == null) {
                next = new CategoryTrie();
                int n = node.keys.length;
                node.keys = java.util.Arrays.copyOf(node.keys, n + 1);
                node.children = java.util.Arrays.copyOf(node.children, n + 1);
                node.keys[n] = b;
                node.children[n] = next;
            }
            node = next;
        }
        node.terminal = true;
    }

    private CategoryTrie child(byte b) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == b) {
                return children[i];
            }
        }
        return null;
    }

    @Override
    public ValueState advance(byte b) {
        return child(b);
    }

    @Override
    public boolean canContinue() {
        return keys.length > 0;
    }

    @Override
    public boolean complete() {
        return terminal;
    }
}
