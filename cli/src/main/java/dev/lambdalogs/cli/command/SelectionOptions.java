package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.service.Selection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Which functions a command acts on: names or ARNs, a name pattern, tags, minus exclusions. */
public final class SelectionOptions {
  @Option(
      names = {"-f", "--function"},
      paramLabel = "NAME|ARN",
      description = "A function, by name or ARN (an ARN's region wins over --region). Repeatable.")
  List<String> functions = new ArrayList<>();

  @Option(
      names = "--function-regex",
      paramLabel = "RE",
      converter = Converters.Regex.class,
      description = "Every function whose name matches.")
  Pattern regex;

  @Option(
      names = "--tag",
      paramLabel = "KEY=VALUE",
      converter = Converters.Tags.class,
      description = "Every function with this tag. Repeatable; all must match.")
  List<Converters.Tag> tags = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description = "Leave out functions whose name matches. Repeatable.")
  List<String> excludes = new ArrayList<>();

  public Selection selection() {
    Map<String, String> byKey = new LinkedHashMap<>();
    tags.forEach(t -> byKey.put(t.key(), t.value()));
    return new Selection(functions, regex, byKey, excludes);
  }
}
