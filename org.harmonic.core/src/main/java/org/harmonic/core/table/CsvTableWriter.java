package org.harmonic.core.table;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;

import org.harmonic.core.util.AtomicFiles;

/**
 * Writes a {@link Table} as UTF-8 CSV with a header; missing values become empty cells, other
 * values their Python {@code str()} text so a written table reads back with the same types.
 * The file is written atomically: a failure never leaves a half-written output.
 */
public final class CsvTableWriter {

    public void write(Table table, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            try (Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                write(table, writer);
            }
        });
    }

    public void write(Table table, Writer writer) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        CsvSchema schema = CsvSchema.emptySchema().withLineSeparator("\n");
        try (SequenceWriter seq = mapper.writerFor(String[].class).with(schema)
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writeValues(writer)) {
            seq.write(table.schema().names().toArray(new String[0]));
            String[] row = new String[table.columnCount()];
            for (int r = 0; r < table.rowCount(); r++) {
                for (int c = 0; c < row.length; c++) {
                    Column column = table.column(c);
                    row[c] = column.isMissing(r) ? "" : column.format(r);
                }
                seq.write(row);
            }
        }
    }
}
