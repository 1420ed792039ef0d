package dev.lambdalogs.cli.service;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Which functions to act on; an empty selection means every function in the region. */
public record Selection(
    List<String> functions, Pattern regex, Map<String, String> tags, List<String> excludes) {
  public boolean isEmpty() {
    return functions.isEmpty() && regex == null && tags.isEmpty();
  }

  /**
   * Whether a function found by listing belongs: it matches the pattern and the tags, and no
   * exclusion.
   */
  public boolean matches(String name, Map<String, String> functionTags) {
    if (regex != null && !regex.matcher(name).find()) {
      return false;
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!tag.getValue().equals(functionTags.get(tag.getKey()))) {
        return false;
      }
    }
    return !excluded(name);
  }

  public boolean excluded(String name) {
    for (String glob : excludes) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      if (matcher.matches(Path.of(name))) {
        return true;
      }
    }
    return false;
  }
}
