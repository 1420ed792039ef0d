package dev.lambdalogs.extension;

import dev.lambdalogs.extension.lifecycle.Extension;
import dev.lambdalogs.extension.util.Log;

/** Entry point of the extension process, started by the layer's launcher. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code;
    try {
      code = Extension.run(System.getenv());
    } catch (Exception e) {
      Log.error("stopped: " + e);
      code = 1;
    }
    System.exit(code);
  }
}
