package io.fluxgate.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlackJsonTests {

    private static String quote(String value) {
        return SlackJson.appendString(new StringBuilder(), value).toString();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(quote("a\"b\\c\nd\re\tf\bg\fh\u0000i\u001fj\u2028k\u2029"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001fj\\u2028k\\u2029\"");
    }

    @Test
    void keepsOtherCharactersAsTheyAre() {
        assertThat(quote("/ <é> \uD83D\uDEA6 \u007f")).isEqualTo("\"/ <é> \uD83D\uDEA6 \u007f\"");
    }

    @Test
    void roundTripsEveryCharBelowTheSurrogates() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xD800; c++) {
            all.append(c);
        }

        assertThat(StrictJson.parse(quote(all.toString()))).isEqualTo(all.toString());
    }

    @Test
    void readsTopLevelStringsAndBooleansAndSkipsTheRest() {
        Map<String, Object> fields = SlackJson.topLevelFields("""
                { "ok" : true, "channel": "C1", "n": -1.5e3, "nothing": null,
                  "message": {"ts": "nested", "blocks": [{"a": "}]\\""}, [], {}]},
                  "ts": "1700000000.000100", "warning": "a\\"b\\u00e9\\n" }""");

        assertThat(fields).containsOnly(Map.entry("ok", true), Map.entry("channel", "C1"),
                Map.entry("ts", "1700000000.000100"), Map.entry("warning", "a\"bé\n"));
    }

    @Test
    void readsAnError() {
        assertThat(SlackJson.topLevelFields("{\"ok\":false,\"error\":\"channel_not_found\"}"))
                .containsEntry("ok", false).containsEntry("error", "channel_not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "<html>", "[1,2]", "\"ts\"", "{", "{\"ts\"", "{\"ts\":", "{\"ts\":\"1", "{ts:1}",
            "{\"a\":\\u12}", "{\"ts\":\"\\uzzzz\"}", "null", "{}"})
    void returnsNothingFromGarbage(String garbage) {
        assertThat(SlackJson.topLevelFields(garbage)).doesNotContainKey("ts");
    }

    @Test
    void keepsWhatItReadBeforeGarbage() {
        assertThat(SlackJson.topLevelFields("{\"ok\":true,\"ts\":")).containsOnly(Map.entry("ok", true));
    }

    @Test
    void survivesDeepNesting() {
        String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"ts\":\"1\"}";

        assertThat(SlackJson.topLevelFields(deep)).containsEntry("ts", "1");
    }
}
