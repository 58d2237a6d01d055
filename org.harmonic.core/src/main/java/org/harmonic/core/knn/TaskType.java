package org.harmonic.core.knn;

import java.util.HashSet;
import java.util.Set;

import org.harmonic.core.table.Column;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.util.HarmonicInputException;

/** The prediction task of the target column, as named in the prompt header. */
public enum TaskType {
    BINARY_CLASSIFICATION("binary classification"),
    MULTI_CLASSIFICATION("multi classification"),
    REGRESSION("regression");

    /** Integer targets with at most this many distinct values count as classes. */
    private static final int MAX_INTEGER_CLASSES = 20;

    private final String promptText;

    TaskType(String promptText) {
        this.promptText = promptText;
    }

    /** The words the reference puts into the header ("binary classification"). */
    public String promptText() {
        return promptText;
    }

    public boolean isClassification() {
        return this != REGRESSION;
    }

    /** Parses the CLI / settings spelling: the prompt text or the enum name, any case. */
    public static TaskType parse(String text) {
        for (TaskType t : values()) {
            if (t.promptText.equalsIgnoreCase(text.trim()) || t.name().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        throw new HarmonicInputException("unknown task '" + text + "'; use \"binary classification\", "
                + "\"multi classification\" or \"regression\"");
    }

    /**
     * Infers the task from the target column: text and boolean targets are classification;
     * integer targets with few distinct values too; other numbers are regression. A target with a
     * single value cannot be learned and is rejected.
     */
    public static TaskType infer(Column target) {
        Set<String> distinct = new HashSet<>();
        for (int r = 0; r < target.size(); r++) {
            if (!target.isMissing(r)) {
                distinct.add(target.format(r));
            }
        }
        if (distinct.size() < 2) {
            throw new HarmonicInputException("target column '" + target.name() + "' has only "
                    + (distinct.isEmpty() ? "missing values" : "one value '" + distinct.iterator().next() + "'")
                    + "; choose a target with at least two classes or values");
        }
        ColumnType type = target.type();
        if (type == ColumnType.NUMERIC) {
            return REGRESSION;
        }
        if (type == ColumnType.INTEGER && distinct.size() > MAX_INTEGER_CLASSES) {
            return REGRESSION;
        }
        return distinct.size() == 2 ? BINARY_CLASSIFICATION : MULTI_CLASSIFICATION;
    }
}
