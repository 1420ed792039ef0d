package dev.lambdalogs.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.contract.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What the extension archived, read back through the real S3 API, and the checks every test makes.
 */
public final class Archive {
  private static final Pattern KEY =
      Pattern.compile(
          "(?<prefix>.*?)(?<function>[^/]+)/(?<y>\\d{4})/(?<m>\\d{2})/(?<d>\\d{2})/(?<h>\\d{2})/"
              + "(?<stamp>\\d{8}T\\d{9}Z)-(?<env>[0-9a-f]{16})-(?<seq>\\d{6})\\.ndjson(\\.gz)?");

  public record Object(String key, String environment, int sequence, List<String> lines) {}

  private final List<Object> objects;

  private Archive(List<Object> objects) {
    this.objects = objects;
  }

  public static Archive read(S3Client s3, String bucket, String prefix) throws IOException {
    List<Object> objects = new ArrayList<>();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(o.key()))) {
        objects.add(parse(o.key(), lines(o.key(), in)));
      }
    }
    return new Archive(objects);
  }

  static List<String> lines(String key, InputStream in) throws IOException {
    InputStream body = key.endsWith(".gz") ? new java.util.zip.GZIPInputStream(in) : in;
    return List.of(
        new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n"));
  }

  private static Object parse(String key, List<String> lines) {
    Matcher m = KEY.matcher(key);
    assertThat(m.matches()).as("key %s has the documented layout", key).isTrue();
    return new Object(key, m.group("env"), Integer.parseInt(m.group("seq")), lines);
  }

  public List<Object> objects() {
    return objects;
  }

  /** Every event, environment by environment, each in the order it wrote them. */
  @SuppressWarnings("unchecked")
  public List<Map<String, java.lang.Object>> events() {
    return inOrder().stream()
        .flatMap(o -> o.lines().stream())
        .map(line -> (Map<String, java.lang.Object>) Json.parse(line))
        .toList();
  }

  /** The function's own lines: text records, or the message of JSON ones. */
  public List<String> functionLines() {
    return events().stream()
        .filter(e -> "function".equals(e.get("type")))
        .map(
            e ->
                e.get("record") instanceof Map<?, ?> r
                    ? String.valueOf(r.get("message"))
                    : (String) e.get("record"))
        .toList();
  }

  public List<Map<String, java.lang.Object>> eventsOfType(String type) {
    return events().stream().filter(e -> type.equals(e.get("type"))).toList();
  }

  /**
   * The checks of the S3 layout: each key names the function, the hour and the time of its first
   * event; sequences count up from 1 without a gap in each environment.
   */
  public Archive assertLayout(String function) {
    Map<String, List<Object>> byEnvironment =
        objects.stream().collect(Collectors.groupingBy(Object::environment));
    for (List<Object> written : byEnvironment.values()) {
      List<Integer> sequences = written.stream().map(Object::sequence).sorted().toList();
      assertThat(sequences)
          .as("sequences of one environment")
          .isEqualTo(java.util.stream.IntStream.rangeClosed(1, written.size()).boxed().toList());
    }
    return assertKeys(function);
  }

  /** The layout checks where batches were dropped: their sequence numbers are missing. */
  public Archive assertLayoutWithGaps(String function) {
    return assertKeys(function);
  }

  private Archive assertKeys(String function) {
    for (Object o : objects) {
      Matcher m = KEY.matcher(o.key());
      assertThat(m.matches()).isTrue();
      assertThat(m.group("function")).isEqualTo(function);
      assertThat(o.lines()).as("object %s is not empty", o.key()).isNotEmpty();
      String stamp = stamp((String) ((Map<?, ?>) Json.parse(o.lines().get(0))).get("time"));
      assertThat(m.group("stamp")).as("key time is the first event's").isEqualTo(stamp);
      assertThat(m.group("y") + m.group("m") + m.group("d") + "T" + m.group("h"))
          .isEqualTo(stamp.substring(0, 11));
    }
    return this;
  }

  /** Every line the function logged, exactly once and in order. */
  public Archive assertFunctionLines(List<String> expected) {
    List<String> archived = functionLines();
    assertThat(archived).as("function lines archived").hasSize(expected.size());
    assertThat(archived).as("function lines archived, in order, exactly once").isEqualTo(expected);
    return this;
  }

  private List<Object> inOrder() {
    return objects.stream()
        .sorted(Comparator.comparing(Object::environment).thenComparing(Object::sequence))
        .toList();
  }

  static String stamp(String time) {
    return time.substring(0, 4)
        + time.substring(5, 7)
        + time.substring(8, 10)
        + "T"
        + time.substring(11, 13)
        + time.substring(14, 16)
        + time.substring(17, 19)
        + time.substring(20, 23)
        + "Z";
  }
}
