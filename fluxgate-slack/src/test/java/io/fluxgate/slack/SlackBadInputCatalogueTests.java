package io.fluxgate.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Backs the Slack table of {@code docs/bad-input.md}, between the {@code slack-rows} markers: every row is a case
 * here, run to check that the user gets exactly that exception and message, and every case here is a row there.
 */
class SlackBadInputCatalogueTests {

    private static final String BEGIN = "<!-- slack-rows:begin -->";
    private static final String END = "<!-- slack-rows:end -->";

    private record Case(String markdown, Class<? extends Throwable> type, String message, ThrowingCallable call) {
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static void row(String input, String example, Class<? extends Throwable> type, String message,
            ThrowingCallable call) {
        String markdown = "| " + input + " | `" + example + "` | `" + type.getSimpleName() + "` | `" + message + "` |";
        CASES.add(new Case(markdown, type, message, call));
    }

    static {
        row("SlackListener", "new SlackListener(\" \", \"xoxb-1\")", IllegalArgumentException.class,
                "SlackListener channel must not be blank", () -> new SlackListener(" ", "xoxb-1"));
        row("SlackListener", "new SlackListener(\"#alerts\", \"\")", IllegalArgumentException.class,
                "SlackListener token must not be blank", () -> new SlackListener("#alerts", ""));
        row("SlackListener", "new SlackListener(null, \"xoxb-1\")", NullPointerException.class, "channel",
                () -> new SlackListener(null, "xoxb-1"));
        row("SlackListener.Builder.baseUrl", "baseUrl(\"ftp://slack.test\")", IllegalArgumentException.class,
                "SlackListener baseUrl must be an absolute http or https URL, got 'ftp://slack.test'",
                () -> SlackListener.builder("#alerts", "xoxb-1").baseUrl("ftp://slack.test"));
        row("SlackListener.Builder.requestTimeout", "requestTimeout(Duration.ZERO)", IllegalArgumentException.class,
                "SlackListener requestTimeout must be positive, got PT0S",
                () -> SlackListener.builder("#alerts", "xoxb-1").requestTimeout(Duration.ZERO));
    }

    @TestFactory
    Stream<DynamicTest> everyRowIsWhatTheUserGets() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.markdown(), () -> assertThat(catchThrowable(c.call()))
                .isExactlyInstanceOf(c.type()).hasMessage(c.message())));
    }

    @Test
    void theDocumentListsExactlyTheseRows() throws IOException {
        Set<String> tested = CASES.stream().map(Case::markdown).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> documented = documentedRows();

        Set<String> undocumented = new LinkedHashSet<>(tested);
        undocumented.removeAll(documented);
        Set<String> untested = new LinkedHashSet<>(documented);
        untested.removeAll(tested);

        assertThat(undocumented).as("rows to add to docs/bad-input.md (or fix there)").isEmpty();
        assertThat(untested).as("rows of docs/bad-input.md with no case in this test").isEmpty();
        assertThat(tested).as("no duplicate cases").hasSize(CASES.size());
    }

    /** The table rows between the Slack markers, cells trimmed, so spacing in the document does not matter. */
    private static Set<String> documentedRows() throws IOException {
        String text = Files.readString(document());
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("docs/bad-input.md has the %s marker", BEGIN).isNotNegative();
        assertThat(end).as("docs/bad-input.md has the %s marker after the first", END).isGreaterThan(begin);
        Set<String> rows = new LinkedHashSet<>();
        for (String line : text.substring(begin, end).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("|") || trimmed.startsWith("|---") || trimmed.startsWith("| Input ")) {
                continue;
            }
            String[] cells = trimmed.substring(1, trimmed.length() - 1).split("\\|");
            assertThat(cells).as("a four-column row: %s", trimmed).hasSize(4);
            rows.add(Arrays.stream(cells).map(String::strip).collect(Collectors.joining(" | ", "| ", " |")));
        }
        return rows;
    }

    private static Path document() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("bad-input.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new UncheckedIOException(
                new IOException("docs/bad-input.md not found above " + Path.of("").toAbsolutePath()));
    }
}
