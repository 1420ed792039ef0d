package dev.lambdalogs.cli.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxiesTest {
  @Test
  void theProxyVariablesBecomeTheJdksProperties() {
    assertThat(
            Proxies.properties(
                Map.of(
                    "HTTPS_PROXY",
                    "http://proxy.corp:3128",
                    "http_proxy",
                    "proxy.corp:8080",
                    "NO_PROXY",
                    "localhost, .internal.corp,10.0.0.1")))
        .containsEntry("https.proxyHost", "proxy.corp")
        .containsEntry("https.proxyPort", "3128")
        .containsEntry("http.proxyHost", "proxy.corp")
        .containsEntry("http.proxyPort", "8080")
        .containsEntry(
            "http.nonProxyHosts",
            "localhost|*.localhost|internal.corp|*.internal.corp|10.0.0.1|*.10.0.0.1");
  }

  @Test
  void noProxyAloneOrNothingSetsNothing() {
    assertThat(Proxies.properties(Map.of("NO_PROXY", "localhost"))).isEmpty();
    assertThat(Proxies.properties(Map.of("HTTPS_PROXY", " "))).isEmpty();
    assertThat(Proxies.properties(Map.of("https_proxy", "https://secure.proxy")))
        .containsEntry("https.proxyPort", "443");
  }
}
