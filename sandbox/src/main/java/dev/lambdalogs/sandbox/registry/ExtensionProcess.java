package dev.lambdalogs.sandbox.registry;

import dev.lambdalogs.sandbox.model.ExtensionStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One external extension: an executable of the layer's extensions/ folder run as its own process,
 * its output turned into "extension" log lines, and what it costs read from /proc.
 */
public final class ExtensionProcess {
  /** Linux reports CPU time in ticks of 1/100 s on every platform Lambda runs. */
  private static final long TICK_MS = 10;

  final String name;
  private final Process process;
  private final long startedNanos = System.nanoTime();
  private final List<String> output = new ArrayList<>();
  private volatile long readyNanos;
  private volatile long initCpuMs = -1;
  private volatile long peakRssKb;
  private volatile long cpuMs;
  private volatile String executable = "";

  private ExtensionProcess(String name, Process process) {
    this.name = name;
    this.process = process;
  }

  static ExtensionProcess start(Path executable, Map<String, String> env, Consumer<String> onLine)
      throws IOException {
    // absolute: the process starts in the executable's own folder, where a relative path means
    // nothing
    Path program = executable.toAbsolutePath().normalize();
    ProcessBuilder builder = new ProcessBuilder(program.toString());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.directory(program.getParent().toFile());
    ExtensionProcess extension =
        new ExtensionProcess(executable.getFileName().toString(), builder.start());
    extension.pump(extension.process.getInputStream(), onLine, "stdout");
    extension.pump(extension.process.getErrorStream(), onLine, "stderr");
    return extension;
  }

  private void pump(InputStream in, Consumer<String> onLine, String stream) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  synchronized (output) {
                    output.add(line);
                  }
                  onLine.accept(line);
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            name + "-" + stream);
    thread.setDaemon(true);
    thread.start();
  }

  /** Called on its first event/next: the end of its init. */
  void ready() {
    if (readyNanos == 0) {
      readyNanos = System.nanoTime();
      sample();
      initCpuMs = cpuMs;
      try {
        executable =
            Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "exe"))
                .toString();
      } catch (IOException e) {
        executable = "(unknown: " + e.getMessage() + ")";
      }
    }
  }

  /** Its executable's file name, which is the name it registers with. */
  public String name() {
    return name;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public int exitCode() {
    return process.exitValue();
  }

  /**
   * SIGSTOP or SIGCONT to the process and all it started, as Lambda freezes the whole environment.
   * The shell's own kill, not kill(1): a machine without procps (the release archive's users, a
   * slim container) has /bin/sh all the same.
   */
  public void signal(String signal) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/bin/sh", "-c", "kill -s \"$0\" \"$@\"", signal, Long.toString(process.pid())));
    process.descendants().forEach(p -> command.add(Long.toString(p.pid())));
    try {
      new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot send SIG" + signal + " with /bin/sh's kill: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Reads peak RSS and CPU time from /proc while the process lives. */
  public void sample() {
    long pid = process.pid();
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          peakRssKb = Math.max(peakRssKb, Long.parseLong(line.replaceAll("\\D", "")));
        }
      }
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the name: state is field 3; utime and stime are fields 14 and 15
      cpuMs = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MS;
    } catch (IOException | RuntimeException e) {
      // gone already: keep the last sample
    }
  }

  List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  ExtensionStats stats() {
    return new ExtensionStats(
        name,
        executable,
        readyNanos == 0 ? -1 : (readyNanos - startedNanos) / 1_000_000,
        initCpuMs,
        cpuMs,
        peakRssKb);
  }
}
