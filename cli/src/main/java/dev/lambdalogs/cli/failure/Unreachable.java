package dev.lambdalogs.cli.failure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host that cannot be reached at all (refused, unknown, no route, no answer to connect) ends the
 * command within seconds: the SDK's retries, meant for throttling and 5xx, took 20 to 55 s of
 * silence to give up on a mistyped endpoint. One second chance is given, for a blip; answers that
 * arrive (throttling, 5xx, resets mid-answer) are still retried as before.
 */
public final class Unreachable extends ExitException {
  /** Connection failures a host may have before the command ends; a success forgets them. */
  static final int CHANCES = 2;

  private Unreachable(String message) {
    super(FAILED, message);
  }

  /** Counts connection failures per host, across the threads of one command. */
  public static final class Watch {
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final String hint;

    /**
     * @param hint what to check, e.g. "check --endpoint-url"
     */
    public Watch(String hint) {
      this.hint = hint;
    }

    /** The IOException to retry, or the end of the command when the host has had its chances. */
    public IOException failed(URI uri, IOException e) {
      if (!isConnectFailure(e)) {
        return e;
      }
      String host = uri.getScheme() + "://" + uri.getAuthority();
      if (failures.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet() < CHANCES) {
        return e;
      }
      throw new Unreachable("cannot reach " + host + " (" + reason(e) + "): " + hint);
    }

    public void reached(URI uri) {
      failures.remove(uri.getScheme() + "://" + uri.getAuthority());
    }
  }

  /** The connection could not be made, as opposed to one that broke while an answer came. */
  public static boolean isConnectFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SocketTimeoutException
              && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
        return true;
      }
    }
    return false;
  }

  private static String reason(IOException e) {
    return e instanceof UnknownHostException
        ? "unknown host"
        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The Unreachable in a chain of causes (the SDK wraps what its HTTP client throws), or null. */
  public static Unreachable in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Unreachable u) {
        return u;
      }
    }
    return null;
  }
}
