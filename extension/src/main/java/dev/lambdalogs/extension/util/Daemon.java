package dev.lambdalogs.extension.util;

/**
 * The extension's threads: named, so a thread dump says what each does, and daemons, so none holds
 * the JVM past main's end (main exits at SHUTDOWN with what it has written).
 */
public final class Daemon {
  private Daemon() {}

  public static Thread start(String name, Runnable run) {
    Thread thread = new Thread(run, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
