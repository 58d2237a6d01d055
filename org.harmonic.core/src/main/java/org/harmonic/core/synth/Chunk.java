package org.harmonic.core.synth;


import org.harmonic.core.util.Seeds;
import org.harmonic.core.util.HarmonicInputException;

/**
 * One of {@code count} parts of a synthesis job that run apart (KNIME's Parallel Chunk loop, several
 * Hub executors, several scripts): part {@code index} makes its share of the rows with a seed of its
 * own, so the parts together make the job's row count, no two parts sample the same random stream, and
 * each part gives the same rows every time it runs with the same seed. The rows differ from a single
 * run's; the label class shares and conditions hold in every part.
 *
 * @param index this part, from 0
 * @param count number of parts; 1 = the whole job (seed and rows unchanged)
 */
public record Chunk(int index, int count) {

    /** The whole job in one part. */
    public static final Chunk WHOLE = new Chunk(0, 1);

    public Chunk {
        if (count < 1) {
            throw new HarmonicInputException("the chunk count must be at least 1, got " + count);
        }
        if (index < 0 || index >= count) {
            throw new HarmonicInputException("chunk index " + index + " is outside 0.." + (count - 1)
                    + " (the index counts from 0 and must be smaller than the chunk count " + count + ")");
        }
    }

    /**
     * The part written {@code I/N} (index I from 0, N parts), as the {@code --chunk} option takes it.
     *
     * @throws HarmonicInputException naming the form when {@code text} is not one
     */
    public static Chunk parse(String text) {
        String t = text == null ? "" : text.trim();
        int slash = t.indexOf('/');
        try {
            if (slash > 0) {
                return new Chunk(Integer.parseInt(t.substring(0, slash).trim()),
                        Integer.parseInt(t.substring(slash + 1).trim()));
            }
        } catch (NumberFormatException e) {
            // reported below with the form
        }
        throw new HarmonicInputException("chunk '" + text + "' is not of the form I/N (part I of N, counting from "
                + "0), e.g. 0/4 for the first of four parts");
    }

    /** This part's rows of a job of {@code total} rows: the parts' rows add up to {@code total}. */
    public int rowsOf(int total) {
        return (int) ((long) total * (index + 1) / count - (long) total * index / count);
    }

    /** This part's seed: {@code seed} itself for the whole job, else a mix of seed and index. */
    public long seedOf(long seed) {
        if (count == 1) {
            return seed;
        }
        return Seeds.chunk(seed, index);
    }

    /** {@code I/N}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return index + "/" + count;
    }
}
