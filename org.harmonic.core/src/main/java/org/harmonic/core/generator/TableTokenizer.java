package org.harmonic.core.generator;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.tokenizer.ByteLevelBpe;
import org.harmonic.core.lm.tokenizer.TableTokenizerTrainer;
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

    private TableTokenizer() {
    }

    /** Learns the tokenizer from {@code examples} of a table with {@code schema}. */
    public static ByteLevelBpe train(List<InstructionExample> examples, TableProfile schema, Progress progress) {
        List<String> texts = new ArrayList<>();
        for (InstructionExample e : examples) {
            texts.add(ChatFormat.wrapPrompt(e.prompt()));
            texts.add(e.answer());
        }
        return new TableTokenizerTrainer().addedTokens(wholeTokens(schema)).train(texts, progress);
    }

    /**
     * Texts the default tokenizer keeps whole: every JSON key with its quotes and colon, the
     * value separator, and the categories (JSON-escaped), so a row costs about three tokens a
     * column. The constrained decoder works on bytes, so any tokenization stays valid.
     */
    public static List<String> wholeTokens(TableProfile schema) {
        List<String> out = new ArrayList<>();
        out.add("\", ");
        for (var column : schema.columns()) {
            out.add(PythonJson.quote(column.name()) + ": \"");
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
