package org.harmonic.core.knn;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.harmonic.core.util.AtomicFiles;
import org.harmonic.core.util.PythonJson;

/**
 * Writes instructions as JSON Lines in the reference's layout (method.md B 3.7):
 * {@code {"id": "1", "conversations": [{"from": "human", "value": ...}, {"from": "assistant",
 * "value": ...}]}}, ids counting from 1, one object per line, non-ASCII kept.
 */
public final class InstructionJsonl {

    private InstructionJsonl() {
    }

    /** Lines rendered in parallel per chunk, then written in order. */
    private static final int CHUNK = 2048;

    public static void write(List<InstructionExample> examples, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            for (int from = 0; from < examples.size(); from += CHUNK) {
                int start = from;
                byte[][] lines = java.util.stream.IntStream.range(start, Math.min(examples.size(), start + CHUNK))
                        .parallel().mapToObj(i -> line(i + 1, examples.get(i)).getBytes(StandardCharsets.UTF_8))
                        .toArray(byte[][]::new);
                for (byte[] line : lines) {
                    out.write(line);
                }
            }
        });
    }

    public static void write(List<InstructionExample> examples, Writer writer) throws IOException {
        for (int i = 0; i < examples.size(); i++) {
            writer.write(line(i + 1, examples.get(i)));
        }
    }

    /** One JSON line, ids counting from 1, with the reference's separators. */
    private static String line(int id, InstructionExample e) {
        StringBuilder line = new StringBuilder(e.prompt().length() + e.answer().length() + 128);
        line.append("{\"id\": ");
        PythonJson.quote(Integer.toString(id), line);
        line.append(", \"conversations\": [{\"from\": \"human\", \"value\": ");
        PythonJson.quote(e.prompt(), line);
        line.append("}, {\"from\": \"assistant\", \"value\": ");
        PythonJson.quote(e.answer(), line);
        line.append("}]}\n");
        return line.toString();
    }
}
