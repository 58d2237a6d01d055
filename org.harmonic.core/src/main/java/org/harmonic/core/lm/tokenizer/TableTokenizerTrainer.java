package org.harmonic.core.lm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.harmonic.core.util.Progress;

/**
 * Derives a small byte-level BPE tokenizer from the instruction texts of one table, so that the
 * prompt words, column names, category values and JSON punctuation of that table become single
 * tokens while any other text still encodes exactly (all 256 bytes are in the vocabulary).
 *
 * <p>Standard BPE (Sennrich et al. 2016) over GPT-2 pre-tokenized words: repeatedly merge the
 * most frequent adjacent pair, ties broken by the lexicographically smallest (left, right) token
 * strings so that training is deterministic. One deviation: a pair that contains a digit byte is
 * never merged, so every digit stays its own token; the synthesizer builds and constrains
 * numbers digit by digit.
 */
public final class TableTokenizerTrainer {

    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String PAD = "<pad>";
    public static final int DEFAULT_VOCAB_SIZE = 1024;

    private static final List<String> SPECIALS = List.of(END_OF_TEXT, PAD);
    private static final int FIRST_MERGE_ID = 256 + SPECIALS.size();

    private int vocabSize = DEFAULT_VOCAB_SIZE;
    private int minFrequency = 2;

    /** Target vocabulary size including the 256 bytes and the special tokens (default 1024). */
    public TableTokenizerTrainer vocabSize(int size) {
        if (size < FIRST_MERGE_ID) {
            throw new IllegalArgumentException("vocabulary size must be at least " + FIRST_MERGE_ID);
        }
        this.vocabSize = size;
        return this;
    }

    /** Pairs seen fewer times than this are not merged (default 2: a pair seen once teaches nothing). */
    public TableTokenizerTrainer minFrequency(int count) {
        this.minFrequency = Math.max(1, count);
        return this;
    }

    /** Learns the vocabulary from {@code texts}; stops early when no pair is frequent enough. */
    public ByteLevelBpe train(Iterable<String> texts, Progress progress) {
        progress.report(0, "counting words");
        Map<String, long[]> wordCounts = new HashMap<>();
        for (String text : texts) {
            progress.checkCanceled();
            for (String w : ByteLevel.split(text)) {
                wordCounts.computeIfAbsent(w, k -> new long[1])[0]++;
            }
        }
        State state = new State(new TreeMap<>(mapCounts(wordCounts)));
        int target = vocabSize - FIRST_MERGE_ID;
        while (state.tokens.size() - SPECIALS.size() - 256 < target && state.mergeNext(minFrequency)) {
            if (state.merges.size() % 32 == 0) {
                progress.checkCanceled();
                progress.report((state.tokens.size() - FIRST_MERGE_ID) / (double) target, "learning merges");
            }
        }
        progress.report(1, "vocabulary of " + state.tokens.size() + " tokens");
        return new ByteLevelBpe(state.tokens, state.merges, SPECIALS);
    }

    private static Map<String, Long> mapCounts(Map<String, long[]> counts) {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return out;
    }

    private static boolean isDigitByte(int symbol) {
        return symbol >= '0' && symbol <= '9';
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /** Words as symbol sequences, pair counts, and a lazily updated queue of candidate pairs. */
    private static final class State {
        final List<String> tokens = new ArrayList<>();
        final Map<String, Integer> idOf = new HashMap<>();
        final List<String> merges = new ArrayList<>();
        final int[][] words;
        final long[] wordCounts;
        final Map<Long, Long> pairCounts = new HashMap<>();
        final Map<Long, Set<Integer>> pairWords = new HashMap<>();
        final PriorityQueue<Candidate> queue;

        State(Map<String, Long> counts) {
            for (int b = 0; b < 256; b++) {
                add(String.valueOf(ByteLevel.charOf(b)));
            }
            SPECIALS.forEach(this::add);
            queue = new PriorityQueue<>(Comparator.comparingLong((Candidate c) -> -c.count)
                    .thenComparing(c -> tokens.get(c.left))
                    .thenComparing(c -> tokens.get(c.right)));
            words = new int[counts.size()][];
            wordCounts = new long[counts.size()];
            int w = 0;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
                int[] symbols = new int[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    symbols[i] = bytes[i] & 0xFF;
                }
                words[w] = symbols;
                wordCounts[w] = e.getValue();
                addPairs(w, symbols, e.getValue());
                w++;
            }
            pairCounts.forEach((k, c) -> queue.add(new Candidate(c, (int) (k >>> 32), (int) (long) k)));
        }

        private int add(String token) {
            tokens.add(token);
            idOf.put(token, tokens.size() - 1);
            return tokens.size() - 1;
        }

        private void addPairs(int word, int[] symbols, long count) {
            for (int i = 0; i + 1 < symbols.length; i++) {
                if (isDigitByte(symbols[i]) || isDigitByte(symbols[i + 1])) {
                    continue;
                }
                long k = key(symbols[i], symbols[i + 1]);
                pairCounts.merge(k, count, Long::sum);
                pairWords.computeIfAbsent(k, x -> new HashSet<>()).add(word);
            }
        }

        /** Applies the best valid merge; false when none is frequent enough. */
        boolean mergeNext(int minFrequency) {
            while (true) {
                Candidate best = queue.poll();
                if (best == null) {
                    return false;
                }
                long k = key(best.left, best.right);
                long current = pairCounts.getOrDefault(k, 0L);
                if (current != best.count) {
                    continue; // stale entry: the count changed since it was queued
                }
                if (current < minFrequency) {
                    return false;
                }
                String merged = tokens.get(best.left) + tokens.get(best.right);
                Integer existing = idOf.get(merged);
                if (existing != null && existing >= 256 && existing < FIRST_MERGE_ID) {
                    pairCounts.remove(k); // would collide with a special token's text
                    continue;
                }
                int id = existing != null ? existing : add(merged);
                merges.add(tokens.get(best.left) + " " + tokens.get(best.right));
                apply(k, best.left, best.right, id);
                return true;
            }
        }

        private void apply(long k, int left, int right, int id) {
            Set<Integer> affected = pairWords.remove(k);
            Map<Long, Long> delta = new HashMap<>();
            for (int w : affected) {
                int[] old = words[w];
                int[] merged = mergeWord(old, left, right, id);
                if (merged.length == old.length) {
                    continue; // the word lost this pair in an earlier merge
                }
                long count = wordCounts[w];
                countPairs(old, -count, delta);
                countPairs(merged, count, delta);
                for (int i = 0; i + 1 < merged.length; i++) {
                    if (merged[i] == id || merged[i + 1] == id) {
                        pairWords.computeIfAbsent(key(merged[i], merged[i + 1]), x -> new HashSet<>()).add(w);
                    }
                }
                words[w] = merged;
            }
            pairCounts.remove(k);
            delta.forEach((pair, d) -> {
                if (d == 0 || pair == k) {
                    return;
                }
                long updated = pairCounts.merge(pair, d, Long::sum);
                if (updated <= 0) {
                    pairCounts.remove(pair);
                } else {
                    queue.add(new Candidate(updated, (int) (pair >>> 32), (int) (long) pair));
                }
            });
        }

        private static void countPairs(int[] symbols, long count, Map<Long, Long> delta) {
            for (int i = 0; i + 1 < symbols.length; i++) {
                if (!isDigitByte(symbols[i]) && !isDigitByte(symbols[i + 1])) {
                    delta.merge(key(symbols[i], symbols[i + 1]), count, Long::sum);
                }
            }
        }

        /** Replaces non-overlapping (left, right) occurrences, scanning left to right. */
        private static int[] mergeWord(int[] symbols, int left, int right, int id) {
            int[] out = new int[symbols.length];
            int n = 0;
            for (int i = 0; i < symbols.length; i++) {
                if (i + 1 < symbols.length && symbols[i] == left && symbols[i + 1] == right) {
                    out[n++] = id;
                    i++;
                } else {
                    out[n++] = symbols[i];
                }
            }
            return n == symbols.length ? symbols : Arrays.copyOf(out, n);
        }
    }

    private record Candidate(long count, int left, int right) {
    }
}
