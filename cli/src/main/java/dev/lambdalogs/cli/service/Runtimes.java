package dev.lambdalogs.cli.service;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda runtimes this CLI knows, as data: what each one is, and so which layer variant serves
 * it. A name not in the table is read by its family's pattern, with a warning; one that fits no
 * family is taken as a runtime without Java, also with a warning.
 */
public final class Runtimes {
  /**
   * A family of runtimes, with the pattern its names follow ({@code java} captures the version).
   */
  public enum Family {
    JAVA("^java(\\d+)"),
    PYTHON("^python\\d"),
    NODEJS("^nodejs\\d"),
    DOTNET("^dotnet\\d"),
    RUBY("^ruby\\d"),
    OS_ONLY("^provided");

    final Pattern names;

    Family(String names) {
      this.names = Pattern.compile(names);
    }
  }

  /**
   * @param javaVersion the JVM the runtime has, 0 for none
   * @param amazonLinux the OS generation it runs on: "al2" or "al2023"
   */
  public record Runtime(String name, Family family, int javaVersion, String amazonLinux) {
    /** Has a JVM that can run the plain layer's extension (Java 17 or later). */
    public boolean runsTheExtension() {
      return javaVersion >= 17;
    }
  }

  /** What a runtime name was taken as, and a warning when it was not in the table. */
  public record Reading(Runtime runtime, String warning) {}

  /** Newest first within each family: the order publish lists them in. */
  static final List<Runtime> KNOWN =
      List.of(
          new Runtime("java25", Family.JAVA, 25, "al2023"),
          new Runtime("java21", Family.JAVA, 21, "al2023"),
          new Runtime("java17", Family.JAVA, 17, "al2"),
          new Runtime("java11", Family.JAVA, 11, "al2"),
          new Runtime("java8.al2", Family.JAVA, 8, "al2"),
          new Runtime("python3.14", Family.PYTHON, 0, "al2023"),
          new Runtime("python3.13", Family.PYTHON, 0, "al2023"),
          new Runtime("python3.12", Family.PYTHON, 0, "al2023"),
          new Runtime("python3.11", Family.PYTHON, 0, "al2"),
          new Runtime("python3.10", Family.PYTHON, 0, "al2"),
          new Runtime("nodejs24.x", Family.NODEJS, 0, "al2023"),
          new Runtime("nodejs22.x", Family.NODEJS, 0, "al2023"),
          new Runtime("nodejs20.x", Family.NODEJS, 0, "al2023"),
          new Runtime("dotnet10", Family.DOTNET, 0, "al2023"),
          new Runtime("dotnet8", Family.DOTNET, 0, "al2023"),
          new Runtime("ruby4.0", Family.RUBY, 0, "al2023"),
          new Runtime("ruby3.4", Family.RUBY, 0, "al2023"),
          new Runtime("ruby3.3", Family.RUBY, 0, "al2023"),
          new Runtime("provided.al2023", Family.OS_ONLY, 0, "al2023"),
          new Runtime("provided.al2", Family.OS_ONLY, 0, "al2"));

  private Runtimes() {}

  public static Reading read(String name) {
    for (Runtime known : KNOWN) {
      if (known.name().equals(name)) {
        return new Reading(known, null);
      }
    }
    for (Family family : Family.values()) {
      Matcher m = family.names.matcher(name);
      if (m.find()) {
        int jvm = family == Family.JAVA ? Integer.parseInt(m.group(1)) : 0;
        return new Reading(
            new Runtime(name, family, jvm, "al2023"),
            "runtime "
                + name
                + " is newer than this "
                + "lambdalogs: taken as "
                + family.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (jvm > 0 ? " " + jvm : "")
                + " on Amazon Linux 2023 (a newer lambdalogs knows it for sure)");
      }
    }
    return new Reading(
        new Runtime(name, Family.OS_ONLY, 0, "al2023"),
        "runtime "
            + name
            + " is unknown to this "
            + "lambdalogs: taken as one without Java 17+, on Amazon Linux 2023 (a newer lambdalogs may know it)");
  }

  /**
   * The known runtimes a variant serves, newest first, at most {@code limit} (Lambda lists 15 per
   * layer).
   *
   * @param amazonLinux only those on this OS generation; null for any
   */
  static List<String> served(boolean withJvm, String amazonLinux, int limit) {
    return KNOWN.stream()
        .filter(r -> r.runsTheExtension() == withJvm)
        .filter(r -> amazonLinux == null || amazonLinux.equals(r.amazonLinux()))
        .map(Runtime::name)
        .limit(limit)
        .toList();
  }
}
