package dev.lambdalogs.e2e.support;

import dev.lambdalogs.cli.Main;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The CLI's jar as the build made it, found on the classpath: its lib/ and jre/ sit beside it. */
public final class CliJar {
  private CliJar() {}

  public static Path path() {
    Path location;
    try {
      location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (!location.toString().endsWith(".jar")) {
      throw new IllegalStateException(
          "the CLI's classes came from "
              + location
              + ", not its jar: run the suite "
              + "through the build, ./mvnw verify (or -Dtest=... in the reactor), so that the jar is packaged first");
    }
    return location;
  }
}
