package org.harmonic.core.synth;

import java.util.Arrays;

/**
 * The vocabulary as a byte trie, so the tokens a grammar state allows are found by one walk that
 * drops whole branches at their first invalid byte instead of testing every token.
 */
public final class TokenTrie {
    private final Node root = new Node();

    private static final class Node {
        byte[] keys = new byte[0];
        Node[] children = new Node[0];
        int[] tokens = new int[0];

        Node child(byte b, boolean create) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == b) {
                    return children[i];
                }
            }
            if (!create) {
                return null;
            }
            Node next = new Node();
            keys = Arrays.copyOf(keys, keys.length + 1);
            children = Arrays.copyOf(children, children.length + 1);
            keys[keys.length - 1] = b;
            children[children.length - 1] = next;
            return next;
        }
    }

    /**
     * @param tokenBytes the UTF-8 bytes each token id contributes to the decoded text; null or
     *                   empty for special tokens, which the grammar never allows
     */
    public TokenTrie(byte[][] tokenBytes) {
        for (int id = 0; id < tokenBytes.length; id++) {
            byte[] bytes = tokenBytes[id];
            if (bytes == null || bytes.length == 0) {
                continue;
            }
            Node node = root;
            for (byte b : bytes) {
                node = node.child(b, true);
            }
            node.tokens = Arrays.copyOf(node.tokens, node.tokens.length + 1);
            node.tokens[node.tokens.length - 1] = id;
        }
    }

    /** The one token whose bytes are exactly {@code bytes}, or -1 where none or several are. */
    public int exact(byte[] bytes) {
        Node node = root;
        for (int i = 0; i < bytes.length && node != null; i++) {
            node = node.child(bytes[i], false);
        }
        return node != null && node.tokens.length == 1 ? node.tokens[0] : -1;
    }

    /** Calls {@code allowed} for every token whose bytes keep the state valid. */
    public void allowed(RowGrammar.State state, java.util.function.IntConsumer allowed) {
        walk(root, state, allowed);
    }

    private static void walk(Node node, RowGrammar.State state, java.util.function.IntConsumer allowed) {
        for (int i = 0; i < node.keys.length; i++) {
            RowGrammar.State next = state.advance(node.keys[i]);
            if (next != null) {
                Node child = node.children[i];
                for (int token : child.tokens) {
                    allowed.accept(token);
                }
                walk(child, next, allowed);
            }
        }
    }
}
