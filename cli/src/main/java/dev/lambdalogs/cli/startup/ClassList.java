package dev.lambdalogs.cli.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads, without initializing them, the classes a class list names (cli/src/cds/classlist: what
 * every command loads). The release launcher runs it once, in the background, with
 * -XX:ArchiveClassesAtExit: the archive it leaves maps those classes for every command after, as
 * the build's archive does for a checkout, without running any command to learn them.
 */
public final class ClassList {
  private ClassList() {}

  public static void main(String[] args) throws IOException {
    ClassLoader loader = ClassList.class.getClassLoader();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank() || line.startsWith("@") || line.startsWith("#")) {
        continue; // the JDK's own directives, not class names
      }
      String name = line.split(" ", 2)[0].replace('/', '.');
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // a class of another JDK, or one generated at run time: nothing to archive
      }
    }
  }
}
