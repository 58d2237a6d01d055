package org.harmonic.knime.nodes.port;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

import org.harmonic.core.api.LlmFineTuning;
import org.harmonic.core.table.ColumnSpec;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.util.JsonText;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;

/**
 * What is known about a generator without its weights: a JSON summary, normally the generator
 * directory's {@code harmonic.json} (table schema, instruction settings, training summary,
 * privacy accounting). The Fine-Tuner's configure can build one from the input spec before any
 * training; the port object's spec is read from the trained directory.
 *
 * <p>Keys read for display (all optional), as the core's {@code GeneratorInfo} writes them:
 * {@code baseModel} (also {@code base_model}, or {@code model_type} from {@code config.json}),
 * {@code schema.columns[].name}, {@code training} (an object of figures).
 */
public final class GeneratorPortObjectSpec implements PortObjectSpec {
    /** Summary file of a generator directory (DESIGN.md "The generator directory"). */
    public static final String SUMMARY_FILE = "harmonic.json";
    /** Hugging Face model config of a generator directory. */
    public static final String CONFIG_FILE = "config.json";

    private static final String ZIP_ENTRY = "generator-spec.json";

    private final String m_summaryJson;

    /** A spec with the given summary (keys sorted; nested maps and lists allowed). */
    public GeneratorPortObjectSpec(final Map<String, ?> summary) {
        m_summaryJson = JsonText.write(summary);
    }

    /**
     * The spec of a generator directory: its {@code harmonic.json} if present, plus
     * {@code model_type} from {@code config.json} when the summary does not name a base model.
     */
    public static GeneratorPortObjectSpec fromDirectory(final Path directory) throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        Path file = directory.resolve(SUMMARY_FILE);
        if (Files.isRegularFile(file)) {
            summary.putAll(JsonText.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        }
        Path config = directory.resolve(CONFIG_FILE);
        if (!summary.containsKey("baseModel") && !summary.containsKey("base_model") && Files.isRegularFile(config)) {
            Object type = JsonText.parseObject(Files.readString(config, StandardCharsets.UTF_8), config.toString())
                .get("model_type");
            if (type != null) {
                summary.put("model_type", type);
            }
        }
        return new GeneratorPortObjectSpec(summary);
    }

    /** The summary as JSON text (keys sorted). */
    public String getSummaryJson() {
        return m_summaryJson;
    }

    /** The summary as a map of plain Java values. */
    public Map<String, Object> getSummary() {
        return JsonText.parseObject(m_summaryJson, "generator summary");
    }

    /** The base model's name or model type, or "unknown". */
    public String getBaseModel() {
        Map<String, Object> s = getSummary();
        Object base = s.get("baseModel");
        if (base == null) {
            base = s.containsKey("base_model") ? s.get("base_model") : s.get("model_type");
        }
        return base == null ? "unknown" : base.toString();
    }

    /** Column names of the table the generator was trained on, in order (empty if unknown). */
    public List<String> getColumnNames() {
        List<String> names = new ArrayList<>();
        Object schema = getSummary().get("schema");
        Object columns = schema instanceof Map ? ((Map<?, ?>)schema).get("columns") : schema;
        if (columns instanceof List) {
            for (Object c : (List<?>)columns) {
                Object name = c instanceof Map ? ((Map<?, ?>)c).get("name") : c;
                if (name != null) {
                    names.add(name.toString());
                }
            }
        }
        return names;
    }

    /**
     * The training table's columns with their core types ({@code schema.columns[].type}), in
     * order; empty when the summary does not have them all (e.g. the Fine-Tuner's configure-time
     * spec, before training).
     */
    public List<ColumnSpec> getSchema() {
        List<ColumnSpec> columns = new ArrayList<>();
        Object schema = getSummary().get("schema");
        Object list = schema instanceof Map ? ((Map<?, ?>)schema).get("columns") : null;
        if (!(list instanceof List)) {
            return columns;
        }
        for (Object c : (List<?>)list) {
            Object name = c instanceof Map ? ((Map<?, ?>)c).get("name") : null;
            Object type = c instanceof Map ? ((Map<?, ?>)c).get("type") : null;
            if (name == null || type == null) {
                return new ArrayList<>();
            }
            try {
                columns.add(new ColumnSpec(name.toString(), ColumnType.valueOf(type.toString())));
            } catch (IllegalArgumentException e) {
                return new ArrayList<>();
            }
        }
        return columns;
    }

    /** The generator's label column ({@code schema.target}), or null if unknown. */
    public String getTarget() {
        Object schema = getSummary().get("schema");
        Object target = schema instanceof Map ? ((Map<?, ?>)schema).get("target") : null;
        return target == null ? null : target.toString();
    }

    /** The training figures ({@code training} object), e.g. epochs and final loss; empty if untrained. */
    public Map<String, Object> getTrainingSummary() {
        return objectEntry("training");
    }

    /** A JSON object of the summary as a map (empty when absent). */
    private Map<String, Object> objectEntry(final String key) {
        Object value = getSummary().get(key);
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof Map) {
            ((Map<?, ?>)value).forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    /**
     * The differential-privacy accounting of a DP generator ({@code privacy} of harmonic.json:
     * epsilon, delta, noise_multiplier, clip_norm, sampling_rate, steps, ...); empty for a
     * generator trained without DP.
     */
    public Map<String, Object> getPrivacy() {
        return objectEntry("privacy");
    }

    /** The privacy guarantee in words ("no differential privacy" without one). */
    public String describePrivacy() {
        Map<String, Object> p = getPrivacy();
        if (p.isEmpty() || p.get("epsilon") == null) {
            return "no differential privacy";
        }
        return LlmFineTuning.describePrivacy(p);
    }

    /** One line for port tooltips and logs. */
    public String describe() {
        List<String> columns = getColumnNames();
        Map<String, Object> training = getTrainingSummary();
        return "Generator: " + getBaseModel() + "; " + (columns.isEmpty() ? "schema unknown"
            : columns.size() + " columns (" + String.join(", ", columns) + ")")
            + (training.isEmpty() ? "; not trained" : "; training " + training)
            + (getPrivacy().isEmpty() ? "" : "; " + describePrivacy());
    }

    @Override
    public JComponent[] getViews() {
        JTextArea text = new JTextArea(describe() + "\n\n" + m_summaryJson);
        text.setEditable(false);
        text.setLineWrap(true);
        JScrollPane view = new JScrollPane(text);
        view.setName("Generator");
        return new JComponent[] {view};
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof GeneratorPortObjectSpec && ((GeneratorPortObjectSpec)obj).m_summaryJson.equals(m_summaryJson);
    }

    @Override
    public int hashCode() {
        return m_summaryJson.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Writes the summary JSON as one zip entry (registered in plugin.xml). */
    public static final class Serializer extends PortObjectSpecSerializer<GeneratorPortObjectSpec> {

        @Override
        public void savePortObjectSpec(final GeneratorPortObjectSpec portObjectSpec,
                final PortObjectSpecZipOutputStream out) throws IOException {
            out.putNextEntry(new ZipEntry(ZIP_ENTRY));
            out.write(portObjectSpec.m_summaryJson.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        @Override
        public GeneratorPortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !ZIP_ENTRY.equals(entry.getName())) {
                throw new IOException("not a HARMONIC generator spec: expected zip entry " + ZIP_ENTRY);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new GeneratorPortObjectSpec(JsonText.parseObject(json, ZIP_ENTRY));
        }
    }
}
