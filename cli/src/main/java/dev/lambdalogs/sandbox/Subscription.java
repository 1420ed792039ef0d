package dev.lambdalogs.sandbox;

import dev.lambdalogs.contract.json.Json;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A validated Telemetry API subscription request, with the documented limits and defaults. */
record Subscription(String extensionName, String schemaVersion, URI destination, Set<String> types,
    int maxItems, int maxBytes, int timeoutMs) {

  static final Set<String> SCHEMA_VERSIONS = Set.of("2022-07-01", "2022-12-13", "2025-01-29");
  static final Set<String> TYPES = Set.of("platform", "function", "extension");

  /** @throws IllegalArgumentException with the message the API answers a bad request with */
  @SuppressWarnings("unchecked")
  static Subscription parse(String extensionName, String body) {
    Object parsed;
    try {
      parsed = Json.parse(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the request body is not JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> request)) {
      throw new IllegalArgumentException("the request body must be a JSON object");
    }
    Object schema = request.get("schemaVersion");
    if (!SCHEMA_VERSIONS.contains(schema)) {
      throw new IllegalArgumentException("schemaVersion must be one of " + SCHEMA_VERSIONS + ", got " + schema);
    }
    if (!(request.get("destination") instanceof Map<?, ?> destination)) {
      throw new IllegalArgumentException("destination is required");
    }
    if (!"HTTP".equals(destination.get("protocol"))) {
      throw new IllegalArgumentException("destination.protocol must be HTTP (this emulator does not do TCP)");
    }
    URI uri = destinationUri(destination.get("URI"));
    if (!(request.get("types") instanceof List<?> types) || types.isEmpty() || !TYPES.containsAll(types)) {
      throw new IllegalArgumentException("types must be a non-empty list of " + TYPES);
    }
    Map<String, Object> buffering = request.get("buffering") instanceof Map<?, ?> b
        ? (Map<String, Object>) b : Map.of();
    return new Subscription(extensionName, (String) schema, uri, Set.copyOf((List<String>) types),
        limit(buffering, "maxItems", 1_000, 10_000, 10_000),
        limit(buffering, "maxBytes", 262_144, 1_048_576, 262_144),
        limit(buffering, "timeoutMs", 25, 30_000, 1_000));
  }

  private static URI destinationUri(Object value) {
    URI uri;
    try {
      uri = URI.create(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("destination.URI is not a URI: " + value);
    }
    if (!"http".equals(uri.getScheme()) || !"sandbox.localdomain".equals(uri.getHost()) || uri.getPort() <= 0) {
      throw new IllegalArgumentException("destination.URI must be http://sandbox.localdomain:PORT, got " + value);
    }
    return uri;
  }

  private static int limit(Map<String, Object> buffering, String name, int min, int max, int fallback) {
    Object value = buffering.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Double d) || d != Math.rint(d) || d < min || d > max) {
      throw new IllegalArgumentException("buffering." + name + " must be a whole number from " + min + " to "
          + max + ", got " + value);
    }
    return d.intValue();
  }

  /** Where the platform really sends: sandbox.localdomain is this machine's loopback here. */
  URI loopbackDestination() {
    return URI.create("http://127.0.0.1:" + destination.getPort() + destination.getRawPath());
  }
}
