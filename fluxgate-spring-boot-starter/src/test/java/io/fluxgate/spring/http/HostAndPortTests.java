package io.fluxgate.spring.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The default key: host and port, so that hosts on one machine and ports of one host are apart. */
class HostAndPortTests {

    @Test
    void isTheHostAndThePortInLowerCase() {
        assertThat(HostAndPort.of(URI.create("http://Payments.Internal:8080/charges?id=1")))
                .isEqualTo("payments.internal:8080");
    }

    @Test
    void takesTheSchemesDefaultPortSoThatBothSpellingsAreOneKey() {
        assertThat(HostAndPort.of(URI.create("https://payments.internal/a")))
                .isEqualTo(HostAndPort.of(URI.create("https://payments.internal:443/b")))
                .isEqualTo("payments.internal:443");
        assertThat(HostAndPort.of(URI.create("http://payments.internal"))).isEqualTo("payments.internal:80");
    }

    @Test
    void leavesUserInformationOut() {
        assertThat(HostAndPort.of(URI.create("https://user:secret@payments.internal/"))).doesNotContain("secret")
                .isEqualTo("payments.internal:443");
    }

    @Test
    void keepsIpv6Brackets() {
        assertThat(HostAndPort.of(URI.create("http://[::1]:8080/"))).isEqualTo("[::1]:8080");
    }

    @Test
    void aUriWithoutAHostIsRefusedWithTheWayOut() {
        assertThatIllegalArgumentException().isThrownBy(() -> HostAndPort.of(URI.create("/charges")))
                .withMessageContaining("its URI has no host").withMessageContaining("give the interceptor or filter "
                        + "a key function");
    }
}
