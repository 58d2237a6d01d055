package org.harmonic.core.lm.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.harmonic.core.util.HarmonicInputException;

/**
 * The parsed JSON header of a safetensors file: tensor entries by name and the optional
 * {@code __metadata__} string map. Parsing is separate from file access so that the 64-bit offset
 * checks can be exercised without multi-gigabyte files.
 *
 * @param tensors  entries by name, in header order
 * @param metadata the {@code __metadata__} map (empty when absent)
 */
public record SafetensorsHeader(Map<String, TensorEntry> tensors, Map<String, String> metadata) {

    static final String METADATA_KEY = "__metadata__";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REEXPORT =
            " The file is corrupt or truncated: download or export the checkpoint again.";

    /**
     * Parses and validates a header.
     *
     * @param headerBytes the JSON bytes (trailing space padding allowed)
     * @param dataLength  bytes in the data section that follows the header
     * @param fileName    file name for error messages
     * @throws HarmonicInputException naming the file (and the tensor) when anything is malformed
     */
    public static SafetensorsHeader parse(byte[] headerBytes, long dataLength, String fileName) {
        JsonNode root = readJson(headerBytes, fileName);
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (METADATA_KEY.equals(field.getKey())) {
                readMetadata(field.getValue(), fileName, metadata);
            } else {
                tensors.put(field.getKey(), readEntry(field.getKey(), field.getValue(), dataLength, fileName));
            }
        }
        return new SafetensorsHeader(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static JsonNode readJson(byte[] headerBytes, String fileName) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(headerBytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HarmonicInputException(fileName + ": the safetensors header is not valid UTF-8 text."
                    + REEXPORT, e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new HarmonicInputException(fileName + ": the safetensors header is not valid JSON ("
                    + e.getOriginalMessage() + ")." + REEXPORT, e);
        }
        if (root == null || !root.isObject()) {
            throw new HarmonicInputException(fileName
                    + ": the safetensors header is not a JSON object of tensors." + REEXPORT);
        }
        return root;
    }

    private static void readMetadata(JsonNode node, String fileName, Map<String, String> out) {
        if (!node.isObject()) {
            throw new HarmonicInputException(fileName + ": __metadata__ in the safetensors header must be "
                    + "an object of strings." + REEXPORT);
        }
        node.fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
    }

    private static TensorEntry readEntry(String name, JsonNode node, long dataLength, String fileName) {
        String where = fileName + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new HarmonicInputException(where + " is not described by a JSON object." + REEXPORT);
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new HarmonicInputException(where + " has no dtype." + REEXPORT);
        }
        Dtype dtype = Dtype.parse(dtypeNode.textValue());
        if (dtype == null) {
            throw new HarmonicInputException(where + " has unknown dtype '" + dtypeNode.textValue()
                    + "'; known dtypes are " + Arrays.toString(Dtype.values())
                    + ". Convert the checkpoint to float32, float16 or bfloat16 and save it again.");
        }
        long[] shape = longArray(node.get("shape"), -1, where, "shape");
        long[] offsets = longArray(node.get("data_offsets"), 2, where, "data_offsets");
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end || end > dataLength) {
            throw new HarmonicInputException(where + " has data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataLength + " bytes." + REEXPORT);
        }
        TensorEntry entry = new TensorEntry(name, dtype, shape, begin, end);
        long expected;
        try {
            expected = Math.multiplyExact(entry.elementCount(), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new HarmonicInputException(where + " has a shape " + Arrays.toString(shape)
                    + " too large to address." + REEXPORT, e);
        }
        if (expected != end - begin) {
            throw new HarmonicInputException(where + " has data_offsets [" + begin + ", " + end + "] spanning "
                    + (end - begin) + " bytes, but shape " + Arrays.toString(shape) + " of " + dtype
                    + " needs " + expected + " bytes." + REEXPORT);
        }
        return entry;
    }

    /** A JSON array of non-negative integers (64-bit); {@code length} -1 accepts any length. */
    private static long[] longArray(JsonNode node, int length, String where, String key) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw new HarmonicInputException(where + " has no valid " + key
                    + (length >= 0 ? " (an array of " + length + " integers)" : " (an array of integers)")
                    + "." + REEXPORT);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new HarmonicInputException(where + " has " + key + " entry '" + v
                        + "' that is not a non-negative 64-bit integer." + REEXPORT);
            }
            out[i] = v.longValue();
        }
        return out;
    }
}
