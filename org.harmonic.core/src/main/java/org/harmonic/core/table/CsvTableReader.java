package org.harmonic.core.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.harmonic.core.util.HarmonicInputException;

/**
 * Reads a CSV file with a header row into a typed {@link Table}. The input must be UTF-8 (a
 * byte-order mark is skipped; CRLF and quoted values with commas, quotes and newlines are
 * fine). Every problem is reported as a {@link HarmonicInputException} naming the file, the
 * line and the fix.
 */
public final class CsvTableReader {
    private final CsvOptions options;

    public CsvTableReader(CsvOptions options) {
        this.options = options;
    }

    public CsvTableReader() {
        this(CsvOptions.defaults());
    }

    public Table read(Path file) {
        if (Files.isDirectory(file)) {
            throw new HarmonicInputException("input " + file + " is a directory; give a CSV file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new HarmonicInputException("input file " + file + " does not exist; check the path");
        } catch (IOException e) {
            throw new HarmonicInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV bytes; {@code source} names the input in messages. */
    public Table read(InputStream in, String source) throws IOException {
        Reader reader = new PushbackReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1);
        skipByteOrderMark((PushbackReader) reader);
        List<String[]> rows = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(options.separator());
        long line = 0;
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(schema).readValues(reader)) {
            while (it.hasNextValue()) {
                line = it.getCurrentLocation().getLineNr();
                rows.add(it.nextValue());
            }
        } catch (CharacterCodingException e) {
            throw notUtf8(source, line);
        } catch (IOException | RuntimeException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof CharacterCodingException) {
                    throw notUtf8(source, line);
                }
                cause = cause.getCause();
            }
            throw new HarmonicInputException(source + " is not valid CSV near line " + (line + 1) + ": "
                    + firstLine(e.getMessage()) + "; check quoting (a quote inside a value must be doubled)", e);
        }
        return toTable(rows, source);
    }

    private static HarmonicInputException notUtf8(String source, long line) {
        return new HarmonicInputException(source + " is not UTF-8 text (invalid bytes near line " + (line + 1)
                + "); re-save the file with UTF-8 encoding");
    }

    private static void skipByteOrderMark(PushbackReader reader) throws IOException {
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
    }

    private Table toTable(List<String[]> rows, String source) {
        if (rows.isEmpty()) {
            throw new HarmonicInputException(source + " is empty; expected a header line with column names "
                    + "followed by data rows");
        }
        String[] header = rows.get(0);
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            String name = header[c];
            if (name.isEmpty()) {
                throw new HarmonicInputException(source + ": column " + (c + 1) + " of the header has no name; "
                        + "give every column a name");
            }
            Integer before = seen.put(name, c);
            if (before != null) {
                throw new HarmonicInputException(source + " has two columns named '" + name + "' (columns "
                        + (before + 1) + " and " + (c + 1) + "); rename one of them");
            }
        }
        int n = rows.size() - 1;
        if (n == 0) {
            throw new HarmonicInputException(source + " has a header but no data rows; add the table's rows");
        }
        String[][] cells = new String[header.length][n];
        for (int r = 0; r < n; r++) {
            String[] row = rows.get(r + 1);
            if (row.length != header.length) {
                throw new HarmonicInputException(source + ": data row " + (r + 1) + " has " + row.length
                        + " fields but the header has " + header.length + "; check separators and quoting "
                        + "in that row");
            }
            for (int c = 0; c < header.length; c++) {
                cells[c][r] = options.isMissing(row[c]) ? null : row[c];
            }
        }
        List<Column> columns = new ArrayList<>(header.length);
        for (int c = 0; c < header.length; c++) {
            ColumnType type = TypeInference.infer(cells[c]);
            Column column = TypeInference.column(header[c], cells[c], type);
            requireFinite(source, column);
            columns.add(column);
        }
        return new Table(columns);
    }

    /**
     * Rejects infinite numbers: pandas reads 'inf' as a number, but no distance, scaling or
     * range is defined with it (the neighbour search failed with an internal error), and the
     * synthesizer could not produce it. NaN is not a number here but a missing value.
     */
    private static void requireFinite(Object source, Column column) {
        if (!column.type().isNumber()) {
            return;
        }
        for (int r = 0; r < column.size(); r++) {
            if (!column.isMissing(r) && Double.isInfinite(column.number(r))) {
                throw new HarmonicInputException(source + ": column '" + column.name() + "' has the infinite value '"
                        + column.format(r) + "' in data row " + (r + 1) + "; replace it by a finite number, or "
                        + "leave the cell empty to mark it missing");
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
