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
        out.add("\", ");
        for (var column : schema.columns()) {
            String key = PythonJson.quote(column.name()) + ": \"";
            out.add("\", " + key);
            out.add("{" + key);
            out.add(key);
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
