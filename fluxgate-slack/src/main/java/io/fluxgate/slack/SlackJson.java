package io.fluxgate.slack;

import java.util.HashMap;
import java.util.Map;

/**
 * The little JSON that {@link SlackListener} needs, so the module stays JDK-only: writing string literals, and
 * reading the top-level string and boolean fields of a response ({@code ok}, {@code ts}, {@code error}).
 */
final class SlackJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SlackJson() {
    }

    /** Appends {@code value} as a JSON string literal, quotes included. */
    static StringBuilder appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    // Line and paragraph separators are valid JSON but break JavaScript consumers; escape them too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    /**
     * Reads the top-level fields of a JSON object whose values are strings or booleans; other values are skipped.
     *
     * <p>Tolerant by design, for a response that must never break the listener: it stops at the first thing it
     * does not understand and returns the fields read before it.
     *
     * @return the fields read, {@link String} or {@link Boolean}; empty when {@code json} is not a JSON object
     */
    static Map<String, Object> topLevelFields(String json) {
        Map<String, Object> fields = new HashMap<>();
        try {
            Reader reader = new Reader(json);
            reader.expect('{');
            if (reader.peek() == '}') {
                return fields;
            }
            do {
                String name = reader.string();
                reader.expect(':');
                char first = reader.peek();
                if (first == '"') {
                    fields.put(name, reader.string());
                } else if (first == 't' || first == 'f') {
                    fields.put(name, reader.literal().equals("true"));
                } else {
                    reader.skipValue();
                }
            } while (reader.next() == ',');
            return fields;
        } catch (RuntimeException ex) {
            // Garbage in, nothing out: the caller treats missing fields as a failed post.
            return fields;
        }
    }

    /** A forgiving cursor: anything unexpected ends the read with an {@link IllegalStateException}. */
    private static final class Reader {

        private final String json;
        private int pos;

        Reader(String json) {
            this.json = json;
        }

        char peek() {
            while (Character.isWhitespace(json.charAt(pos))) {
                pos++;
            }
            return json.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char expected) {
            if (next() != expected) {
                throw new IllegalStateException();
            }
        }

        String string() {
            expect('"');
            StringBuilder value = new StringBuilder();
            for (char c = json.charAt(pos++); c != '"'; c = json.charAt(pos++)) {
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escaped = json.charAt(pos++);
                switch (escaped) {
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case 'b' -> value.append('\b');
                    case 'f' -> value.append('\f');
                    case 'u' -> {
                        value.append((char) Integer.parseInt(json.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> value.append(escaped);
                }
            }
            return value.toString();
        }

        String literal() {
            int start = pos;
            while (pos < json.length() && Character.isLetter(json.charAt(pos))) {
                pos++;
            }
            return json.substring(start, pos);
        }

        /** Skips a number, literal, string, object or array; without recursion, so deep nesting cannot overflow. */
        void skipValue() {
            char first = peek();
            if (first == '"') {
                string();
                return;
            }
            int start = pos;
            int depth = 0;
            do {
                char c = json.charAt(pos);
                if (c == '"') {
                    string();
                    continue;
                }
                if (depth == 0 && ",}]".indexOf(c) >= 0) {
                    break;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                pos++;
            } while (depth > 0 || pos < json.length() && !Character.isWhitespace(json.charAt(pos)));
            if (pos == start) {
                throw new IllegalStateException();
            }
        }
    }
}
