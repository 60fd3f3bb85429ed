package io.fluxgate.slack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict RFC 8259 parser for assertions on what the listener sends; throws on anything malformed. */
final class StrictJson {

    private final String json;
    private int pos;

    private StrictJson(String json) {
        this.json = json;
    }

    /** Parses one JSON value: Map, List, String, Double, Boolean or null. */
    static Object parse(String json) {
        StrictJson parser = new StrictJson(json);
        Object value = parser.value();
        parser.whitespace();
        if (parser.pos != json.length()) {
            throw parser.error("trailing characters");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String json) {
        return (Map<String, Object>) parse(json);
    }

    private Object value() {
        whitespace();
        char c = current();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        pos++;
        whitespace();
        if (current() == '}') {
            pos++;
            return object;
        }
        do {
            whitespace();
            String name = string();
            whitespace();
            expect(':');
            if (object.put(name, value()) != null) {
                throw error("duplicate name " + name);
            }
            whitespace();
        } while (consume(','));
        expect('}');
        return object;
    }

    private List<Object> array() {
        List<Object> array = new ArrayList<>();
        pos++;
        whitespace();
        if (consume(']')) {
            return array;
        }
        do {
            array.add(value());
            whitespace();
        } while (consume(','));
        expect(']');
        return array;
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        for (;;) {
            char c = current();
            pos++;
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw error("unescaped control character " + (int) c);
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char e = current();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> value.append(e);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    String hex = json.substring(pos, pos + 4);
                    if (!hex.matches("[0-9a-fA-F]{4}")) {
                        throw error("bad unicode escape " + hex);
                    }
                    value.append((char) Integer.parseInt(hex, 16));
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Object literal(String text, Object value) {
        if (!json.startsWith(text, pos)) {
            throw error("expected " + text);
        }
        pos += text.length();
        return value;
    }

    private Double number() {
        int start = pos;
        while (pos < json.length() && "+-0123456789.eE".indexOf(json.charAt(pos)) >= 0) {
            pos++;
        }
        String text = json.substring(start, pos);
        if (!text.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
            throw error("bad number '" + text + "'");
        }
        return Double.valueOf(text);
    }

    private void whitespace() {
        while (pos < json.length() && " \t\r\n".indexOf(json.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private boolean consume(char c) {
        if (pos < json.length() && json.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private char current() {
        if (pos >= json.length()) {
            throw error("unexpected end");
        }
        return json.charAt(pos);
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at " + pos + " in " + json);
    }
}
