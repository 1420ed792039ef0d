package dev.lambdalogs.cli.output;

import dev.lambdalogs.cli.archive.Download.Done;
import dev.lambdalogs.contract.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What download did, for people or for scripts, and its progress as it goes. */
public final class DownloadReport {
  private DownloadReport() {}

  /** A progress bar on a terminal, redrawn in place as each object ends. */
  public static synchronized void progress(PrintWriter err, int done, int total) {
    int width = 30;
    int filled = done * width / total;
    err.print(
        "\r["
            + "=".repeat(filled)
            + " ".repeat(width - filled)
            + "] "
            + done
            + "/"
            + total
            + " objects");
    if (done == total) {
      err.println();
    }
    err.flush();
  }

  /** How many objects were copied, skipped and failed, how much in how long, and where. */
  public static void summary(
      PrintWriter out,
      boolean json,
      List<Done> outcomes,
      long bytes,
      double seconds,
      Path to,
      Path merge) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("objects", outcomes.size());
    summary.put("downloaded", outcomes.stream().filter(d -> d == Done.DOWNLOADED).count());
    summary.put("skipped", outcomes.stream().filter(d -> d == Done.SKIPPED).count());
    summary.put("failed", outcomes.stream().filter(d -> d == Done.FAILED).count());
    summary.put("bytes", bytes);
    summary.put("seconds", Math.round(seconds * 100) / 100.0);
    summary.put("to", to.toString());
    if (merge != null) {
      summary.put("merged", merge.toString());
    }
    if (json) {
      out.println(Json.write(summary));
    } else {
      out.printf(
          "%d objects (%d downloaded, %d skipped, %d failed), %.1f MB in %.1f s, under %s%n",
          outcomes.size(),
          summary.get("downloaded"),
          summary.get("skipped"),
          summary.get("failed"),
          bytes / 1e6,
          seconds,
          to);
    }
    out.flush();
  }
}
