package dev.lambdalogs.contract.settings;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The function's {@code LAMBDALOGS_*} variables: the names the CLI sets and the extension reads,
 * their defaults and bounds, and the prefix rule both apply. docs/product.md lists them for users.
 */
public final class Settings {
  /** Every variable of ours starts so: uninstall takes them all off. */
  public static final String NAME_PREFIX = "LAMBDALOGS_";

  public static final String BUCKET = "LAMBDALOGS_BUCKET";
  public static final String PREFIX = "LAMBDALOGS_PREFIX";
  public static final String TYPES = "LAMBDALOGS_TYPES";
  public static final String FLUSH_INTERVAL_S = "LAMBDALOGS_FLUSH_INTERVAL_S";
  public static final String FLUSH_BYTES = "LAMBDALOGS_FLUSH_BYTES";
  public static final String COMPRESSION = "LAMBDALOGS_COMPRESSION";
  public static final String LOG_LEVEL = "LAMBDALOGS_LOG_LEVEL";
  public static final String S3_PATH_STYLE = "LAMBDALOGS_S3_PATH_STYLE";
  public static final String LOCAL_DIR = "LAMBDALOGS_LOCAL_DIR";
  public static final String MAX_BUFFER_BYTES = "LAMBDALOGS_MAX_BUFFER_BYTES";

  /** Read by the layer's launcher: the java to start the extension with. */
  public static final String JAVA = "LAMBDALOGS_JAVA";

  /** The Telemetry API's types, as {@code LAMBDALOGS_TYPES} and the CLI's filters name them. */
  public static final List<String> TELEMETRY_TYPES = List.of("platform", "function", "extension");

  public static final Set<String> DEFAULT_TYPES = Set.of("platform", "function");

  /** Where the objects go in the bucket when {@code LAMBDALOGS_PREFIX} is not set. */
  public static final String DEFAULT_PREFIX = "lambda-logs/";

  public static final int DEFAULT_FLUSH_INTERVAL_S = 60;
  public static final int MIN_FLUSH_INTERVAL_S = 1;
  public static final int MAX_FLUSH_INTERVAL_S = 3600;

  private Settings() {}

  /** A key prefix as the objects use it: ending in '/', unless it is empty. */
  public static String keyPrefix(String prefix) {
    return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /**
   * The key prefix a function's environment gives the extension: its {@code LAMBDALOGS_PREFIX}
   * ending in '/', or the default when that is unset, blank or starts with '/'.
   */
  public static String prefixOf(Map<String, String> env) {
    String value = env.get(PREFIX);
    return value == null || value.isBlank() || value.trim().startsWith("/")
        ? DEFAULT_PREFIX
        : keyPrefix(value.trim());
  }
}
