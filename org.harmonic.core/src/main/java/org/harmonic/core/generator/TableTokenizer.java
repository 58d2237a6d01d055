package org.harmonic.core.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.tokenizer.ByteLevelBpe;
import org.harmonic.core.lm.tokenizer.TableTokenizerTrainer;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;
import org.harmonic.core.util.PythonJson;

/**
 * The tokenizer of a from-scratch generator: a byte-level BPE learned from the instruction texts
 * (wrapped prompts and answers, exactly as the model will read them), with the table's JSON keys
 * and categories kept whole.
 */
public final class TableTokenizer {

    /** Most categories of one column that become whole tokens (an id-like column would flood the vocabulary). */
    private static final int MAX_CATEGORY_TOKENS = 256;

    /** How Python writes the fraction of a float with a whole value. */
    private static final String WHOLE_NUMBER_END = ".0";

    private TableTokenizer() {
    }

    /** Learns the tokenizer from {@code examples} of a table with {@code schema}. */
    public static ByteLevelBpe train(List<InstructionExample> examples, TableProfile schema, Progress progress) {
        List<String> texts = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        for (InstructionExample e : examples) {
            String prompt = ChatFormat.wrapPrompt(e.prompt());
            prompts.add(prompt);
            texts.add(prompt);
            texts.add(e.answer());
        }
        return new TableTokenizerTrainer().addedTokens(wholeTokens(schema)).addedTokens(templateTokens(prompts))
                .train(texts, progress);
    }

    /**
     * The instruction template's fixed text around the rows of a prompt (the chat wrapper and the
     * header up to the first row, {@code \nExample two: } between rows, the closing request): the
     * pieces between rows that at least half of the prompts share. Each becomes one token. The header
     * names the table and its columns and repeats in every instruction, so BPE alone spent about 90
     * of a German credit instruction's 384 tokens on it; as whole tokens they cost a few, and every
     * training step and every sampled row's prompt is that much shorter. The model reads the same
     * text; only its tokenization changes.
     *
     * <p>A row starts at <code>{"</code> and ends at the next <code>"}</code> (inside a row every
     * quote in a value is escaped, so the first <code>"}</code> closes it).
     */
    static List<String> templateTokens(List<String> prompts) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String prompt : prompts) {
            Set<String> pieces = new LinkedHashSet<>();
            int from = 0;
            while (true) {
                int start = prompt.indexOf("{\"", from);
                if (start < 0) {
                    pieces.add(prompt.substring(from));
                    break;
                }
                pieces.add(prompt.substring(from, start));
                int end = prompt.indexOf("\"}", start);
                if (end < 0) {
                    break;
                }
                from = end + 2;
            }
            for (String piece : pieces) {
                if (!piece.isEmpty()) {
                    counts.merge(piece, 1, Integer::sum);
                }
            }
        }
        int shared = Math.max(2, (prompts.size() + 1) / 2);
        List<String> out = new ArrayList<>();
        counts.forEach((piece, n) -> {
            if (n >= shared) {
                out.add(piece);
            }
        });
        return out;
    }

    /**
     * Texts the default tokenizer keeps whole: every JSON key with its quotes and colon, also
     * joined with what precedes it in a row (the row's opening brace or the previous value's
     * separator), the separator alone, and the categories (JSON-escaped), so a row costs about two
     * tokens a column. Joining the separator to the key took a German credit instruction from 510
     * to about 390 tokens: every training step and every sampled row is that much shorter. Keys
     * follow any key and open any row, so permuted column orders keep the short form. The
     * constrained decoder works on bytes, so any tokenization stays valid.
     */
    public static List<String> wholeTokens(TableProfile schema) {
        List<String> out = new ArrayList<>();
        String separator = "\", ";
        List<String> keys = schema.columns().stream().map(c -> PythonJson.quote(c.name()) + ": \"").toList();
        out.add(separator);
        for (String key : keys) {
            out.add(separator + key);
            out.add("{" + key);
            out.add(key);
        }
        if (schema.columns().stream().anyMatch(c -> c.type() == ColumnType.NUMERIC)) {
            // a float column's whole numbers end in ".0" (Python's str(10.0)); joined to what follows the
            // value, the ".0" costs no token of its own, as if the number were written "10"
            for (String key : keys) {
                out.add(WHOLE_NUMBER_END + separator + key);
            }
            out.add(WHOLE_NUMBER_END + "\"}");
        }
        for (var column : schema.columns()) {
            if (column.categories().size() <= MAX_CATEGORY_TOKENS) {
                for (String category : column.categories()) {
                    String quoted = PythonJson.quote(category);
                    out.add(quoted.substring(1, quoted.length() - 1));
                }
            }
        }
        out.add("nan");
        return out;
    }
}
