package dev.lambdalogs.sandbox.wire;

import java.io.UncheckedIOException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Reads the extensions' request bodies with the AWS SDK's JSON reader, not the extension's own: a
 * bug in that reader must not be matched by the platform it is tested against.
 */
public final class RequestJson {
  private RequestJson() {}

  /**
   * @throws IllegalArgumentException saying the body is not JSON, and why
   */
  public static JsonNode parse(String body) {
    try {
      return JsonNode.parser().parse(body);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalArgumentException(
          "the request body is not JSON: " + cause.getMessage().lines().findFirst().orElse(""));
    }
  }
}
