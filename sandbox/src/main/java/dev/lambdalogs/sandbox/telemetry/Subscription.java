package dev.lambdalogs.sandbox.telemetry;

import dev.lambdalogs.sandbox.wire.RequestJson;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** A validated Telemetry API subscription request, with the documented limits and defaults. */
public record Subscription(
    String extensionName,
    String schemaVersion,
    URI destination,
    Set<String> types,
    int maxItems,
    int maxBytes,
    int timeoutMs) {

  static final Set<String> SCHEMA_VERSIONS = Set.of("2022-07-01", "2022-12-13", "2025-01-29");
  static final Set<String> TYPES = Set.of("platform", "function", "extension");

  /**
   * @throws IllegalArgumentException with the message the API answers a bad request with
   */
  public static Subscription parse(String extensionName, String body) {
    JsonNode parsed = RequestJson.parse(body);
    if (!parsed.isObject()) {
      throw new IllegalArgumentException("the request body must be a JSON object");
    }
    Map<String, JsonNode> request = parsed.asObject();
    String schema = text(request.get("schemaVersion"));
    if (!SCHEMA_VERSIONS.contains(schema)) {
      throw new IllegalArgumentException(
          "schemaVersion must be one of " + SCHEMA_VERSIONS + ", got " + schema);
    }
    JsonNode destination = request.get("destination");
    if (destination == null || !destination.isObject()) {
      throw new IllegalArgumentException("destination is required");
    }
    if (!"HTTP".equals(text(destination.asObject().get("protocol")))) {
      throw new IllegalArgumentException(
          "destination.protocol must be HTTP (this emulator does not do TCP)");
    }
    URI uri = destinationUri(text(destination.asObject().get("URI")));
    JsonNode types = request.get("types");
    List<String> named =
        types != null && types.isArray()
            ? types.asArray().stream().map(Subscription::text).toList()
            : List.of();
    if (named.isEmpty() || !TYPES.containsAll(named)) {
      throw new IllegalArgumentException("types must be a non-empty list of " + TYPES);
    }
    JsonNode buffering = request.get("buffering");
    Map<String, JsonNode> limits =
        buffering != null && buffering.isObject() ? buffering.asObject() : Map.of();
    return new Subscription(
        extensionName,
        schema,
        uri,
        Set.copyOf(named),
        limit(limits, "maxItems", 1_000, 10_000, 10_000),
        limit(limits, "maxBytes", 262_144, 1_048_576, 262_144),
        limit(limits, "timeoutMs", 25, 30_000, 1_000));
  }

  /** A string's value; anything else as its JSON text, or null when absent. */
  private static String text(JsonNode node) {
    return node == null ? null : node.isString() ? node.asString() : node.toString();
  }

  private static URI destinationUri(String value) {
    URI uri;
    try {
      uri = URI.create(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("destination.URI is not a URI: " + value);
    }
    if (!"http".equals(uri.getScheme())
        || !"sandbox.localdomain".equals(uri.getHost())
        || uri.getPort() <= 0) {
      throw new IllegalArgumentException(
          "destination.URI must be http://sandbox.localdomain:PORT, got " + value);
    }
    return uri;
  }

  private static int limit(
      Map<String, JsonNode> buffering, String name, int min, int max, int fallback) {
    JsonNode value = buffering.get(name);
    if (value == null) {
      return fallback;
    }
    BigDecimal number = value.isNumber() ? new BigDecimal(value.asNumber()) : null;
    if (number == null
        || number.signum() != 0 && number.stripTrailingZeros().scale() > 0
        || number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw new IllegalArgumentException(
          "buffering."
              + name
              + " must be a whole number from "
              + min
              + " to "
              + max
              + ", got "
              + text(value));
    }
    return number.intValueExact();
  }

  /** Where the platform really sends: sandbox.localdomain is this machine's loopback here. */
  public URI loopbackDestination() {
    return URI.create("http://127.0.0.1:" + destination.getPort() + destination.getRawPath());
  }
}
