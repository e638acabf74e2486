package org.parley.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed, strict access to the fields of one JSON object. Every wrong type or missing required field
 * is a {@link ErrorCode#BAD_FRAME}; fields nobody asks for are ignored (PROTOCOL.md §3).
 */
final class JsonFields {

    private final ObjectNode node;
    private final String where;

    JsonFields(ObjectNode node, String where) {
        this.node = node;
        this.where = where;
    }

    String text(String name) throws ProtocolException {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw bad(name, "must be a string");
        }
        return value.textValue();
    }

    Optional<String> optionalText(String name) throws ProtocolException {
        return isAbsent(name) ? Optional.empty() : Optional.of(text(name));
    }

    boolean bool(String name, boolean absent) throws ProtocolException {
        if (isAbsent(name)) {
            return absent;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw bad(name, "must be true or false");
        }
        return value.booleanValue();
    }

    long integer(String name) throws ProtocolException {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw bad(name, "must be an integer");
        }
        return value.longValue();
    }

    List<String> strings(String name) throws ProtocolException {
        List<String> result = new ArrayList<>();
        for (JsonNode element : array(name)) {
            if (!element.isTextual()) {
                throw bad(name, "must contain only strings");
            }
            result.add(element.textValue());
        }
        return result;
    }

    /** An array of strings that may be absent (then empty). */
    List<String> optionalStrings(String name) throws ProtocolException {
        return isAbsent(name) ? List.of() : strings(name);
    }

    /** An array of objects that may be absent (then empty). */
    List<JsonFields> optionalObjects(String name) throws ProtocolException {
        return isAbsent(name) ? List.of() : objects(name);
    }

    List<JsonFields> objects(String name) throws ProtocolException {
        List<JsonFields> result = new ArrayList<>();
        for (JsonNode element : array(name)) {
            if (!element.isObject()) {
                throw bad(name, "must contain only objects");
            }
            result.add(new JsonFields((ObjectNode) element, where + "." + name + "[]"));
        }
        return result;
    }

    /** A required nested object. */
    JsonFields object(String name) throws ProtocolException {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw bad(name, "must be an object");
        }
        return new JsonFields((ObjectNode) value, where + "." + name);
    }

    /** A {@code scheme id → base64} object; formats are checked by the record that receives it. */
    Map<String, Bytes> keys(String name) throws ProtocolException {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw bad(name, "must be an object of scheme id to base64 key");
        }
        if (value.size() > Formats.MAX_KEYS) {
            throw bad(name, "must have at most " + Formats.MAX_KEYS + " entries");
        }
        Map<String, Bytes> keys = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual()) {
                throw bad(name, "values must be base64 strings");
            }
            keys.put(e.getKey(), base64(name, e.getValue().textValue()));
        }
        return keys;
    }

    Bytes bytes(String name) throws ProtocolException {
        return base64(name, text(name));
    }

    private Bytes base64(String name, String text) throws ProtocolException {
        try {
            return Bytes.fromBase64(text);
        } catch (IllegalArgumentException e) {
            throw bad(name, "must be base64 (standard alphabet, padded): " + e.getMessage());
        }
    }

    private Iterable<JsonNode> array(String name) throws ProtocolException {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw bad(name, "must be an array");
        }
        return value;
    }

    private boolean isAbsent(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull();
    }

    private JsonNode required(String name) throws ProtocolException {
        if (isAbsent(name)) {
            throw bad(name, "is required");
        }
        return node.get(name);
    }

    private ProtocolException bad(String name, String problem) {
        return new ProtocolException(ErrorCode.BAD_FRAME, where + "." + name + " " + problem);
    }
}
