package dev.lambdalogs.cli.util;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY, as the AWS CLI and the SDK's clients honour them, turned
 * into the JDK's proxy properties: tail and download read the archive with the JDK's own HTTP
 * client, which reads only those. Properties already set win; credentials in a proxy's URL are not
 * supported.
 */
public final class Proxies {
  private Proxies() {}

  /** Sets the JDK's proxy properties from the environment, where they are not set already. */
  public static void apply(Map<String, String> env) {
    properties(env)
        .forEach(
            (name, value) -> {
              if (System.getProperty(name) == null) {
                System.setProperty(name, value);
              }
            });
  }

  static Map<String, String> properties(Map<String, String> env) {
    Map<String, String> properties = new HashMap<>();
    proxy(env, "https", properties);
    proxy(env, "http", properties);
    String none = variable(env, "no_proxy");
    if (none != null && !properties.isEmpty()) {
      // NO_PROXY's ".example.com" and "example.com" both cover the subdomains; the JDK wants
      // "*.example.com"
      StringBuilder hosts = new StringBuilder();
      for (String host : none.split(",")) {
        String name = host.trim();
        if (!name.isEmpty()) {
          String domain = name.startsWith(".") ? name.substring(1) : name;
          hosts.append(hosts.length() == 0 ? "" : "|").append(domain).append("|*.").append(domain);
        }
      }
      properties.put("http.nonProxyHosts", hosts.toString()); // the JDK reads it for https too
    }
    return properties;
  }

  private static void proxy(
      Map<String, String> env, String scheme, Map<String, String> properties) {
    String value = variable(env, scheme + "_proxy");
    if (value == null) {
      return;
    }
    URI proxy = URI.create(value.contains("://") ? value : "http://" + value);
    if (proxy.getHost() == null) {
      return;
    }
    properties.put(scheme + ".proxyHost", proxy.getHost());
    properties.put(
        scheme + ".proxyPort",
        Integer.toString(
            proxy.getPort() > 0 ? proxy.getPort() : "https".equals(proxy.getScheme()) ? 443 : 80));
  }

  /** The lower-case name first, as curl reads them, then the upper-case one. */
  private static String variable(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      value = env.get(name.toUpperCase(Locale.ROOT));
    }
    return value == null || value.isBlank() ? null : value.trim();
  }
}
