package org.harmonic.core.knn;

import java.io.IOException;
import java.io.OutputStreamWriter;
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

    public static void write(List<InstructionExample> examples, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(examples, writer);
            writer.flush();
        });
    }

    public static void write(List<InstructionExample> examples, Writer writer) throws IOException {
        StringBuilder line = new StringBuilder(8192);
        int id = 1;
        for (InstructionExample e : examples) {
            line.setLength(0);
            line.append("{\"id\": ");
            PythonJson.quote(Integer.toString(id++), line);
            line.append(", \"conversations\": [{\"from\": \"human\", \"value\": ");
            PythonJson.quote(e.prompt(), line);
            line.append("}, {\"from\": \"assistant\", \"value\": ");
            PythonJson.quote(e.answer(), line);
            line.append("}]}\n");
            writer.write(line.toString());
        }
    }
}
