package dev.lambdalogs.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An HTTP proxy in front of the S3 server that breaks requests on demand: 503 SlowDown, 500, or a
 * TCP reset, for the next N requests or until told to stop. One request a connection, so every
 * fault is seen by exactly one request.
 */
public final class FaultProxy implements AutoCloseable {
  public enum Fault {
    SLOW_DOWN(503, "SlowDown"),
    INTERNAL_ERROR(500, "InternalError"),
    RESET(0, null),
    /**
     * Lambda's answer when the RevisionId sent is not the function's: someone else deployed
     * meanwhile.
     */
    PRECONDITION_FAILED(412, "PreconditionFailedException"),
    THROTTLED(429, "TooManyRequestsException"),
    ACCESS_DENIED(403, "AccessDeniedException"),
    /** S3's refusal, in its XML: the caller's policies do not allow the request. */
    S3_ACCESS_DENIED(403, "AccessDenied"),
    /** S3's answer to HeadBucket with an expected owner that is not the bucket's. */
    FORBIDDEN(403, "Forbidden");

    final int status;
    final String code;

    Fault(int status, String code) {
      this.status = status;
      this.code = code;
    }
  }

  /** A fault for the next requests whose request line starts with {@code prefix} ("" for all). */
  private record Pending(Fault fault, String prefix) {}

  private final ServerSocket server;
  private final URI upstream;
  private final ArrayDeque<Pending> next = new ArrayDeque<>();
  private volatile Fault always;
  private volatile long latencyMs;
  private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, UnaryOperator<String>> rewrites = new ConcurrentHashMap<>();
  private final java.util.List<String> requests =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  public FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "fault-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /** The next {@code times} requests get this fault. */
  public synchronized void failNext(int times, Fault fault) {
    failNext(times, fault, "");
  }

  /**
   * The next {@code times} requests whose request line starts so ("PUT
   * /2015-03-31/functions/f/configuration").
   */
  public synchronized void failNext(int times, Fault fault, String requestLinePrefix) {
    for (int i = 0; i < times; i++) {
      next.addLast(new Pending(fault, requestLinePrefix));
    }
  }

  /** Every request gets this fault until {@link #heal()}. */
  public void failAll(Fault fault) {
    always = fault;
  }

  /** Every request waits this long before it is forwarded: a slow link, for races to show. */
  public void latency(java.time.Duration latency) {
    latencyMs = latency.toMillis();
  }

  /**
   * Rewrites the bodies of the answers to requests whose request line starts with {@code prefix}:
   * fields the server behind does not know (moto drops Lambda's CapacityProviderConfig), put in by
   * the test.
   */
  public void rewriteAnswers(String prefix, UnaryOperator<String> rewrite) {
    rewrites.put(prefix, rewrite);
  }

  /** Stops failing, and slowing requests down. */
  public synchronized void heal() {
    always = null;
    latencyMs = 0;
    next.clear();
  }

  public void resetCounts() {
    counts.clear();
    requests.clear();
  }

  /**
   * Every request seen since the last reset: its request line, and for query APIs (IAM, STS) its
   * Action.
   */
  public java.util.List<String> requests() {
    synchronized (requests) {
      return java.util.List.copyOf(requests);
    }
  }

  /** How many requests got each outcome: a fault's name, or "forwarded". */
  public int count(String outcome) {
    AtomicInteger n = counts.get(outcome);
    return n == null ? 0 : n.get();
  }

  private synchronized Fault take(String requestLine) {
    if (always != null) {
      return always;
    }
    for (java.util.Iterator<Pending> it = next.iterator(); it.hasNext(); ) {
      Pending pending = it.next();
      if (requestLine.startsWith(pending.prefix())) {
        it.remove();
        return pending.fault();
      }
    }
    return null;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread handler = new Thread(() -> handle(client), "fault-proxy-conn");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      byte[] request = readRequest(client.getInputStream());
      if (request == null) {
        return;
      }
      String text = new String(request, StandardCharsets.ISO_8859_1);
      String line = text.substring(0, text.indexOf('\r'));
      java.util.regex.Matcher action =
          java.util.regex.Pattern.compile("Action=([A-Za-z]+)").matcher(text);
      requests.add(action.find() ? line + " Action=" + action.group(1) : line);
      Fault fault = take(line);
      counts
          .computeIfAbsent(fault == null ? "forwarded" : fault.name(), k -> new AtomicInteger())
          .incrementAndGet();
      OutputStream out = client.getOutputStream();
      if (fault == Fault.RESET) {
        client.setSoLinger(true, 0); // close with RST, not FIN
        return;
      }
      if (fault != null) {
        // S3 reads the XML body; Lambda (REST-JSON) reads the error type header and the JSON body
        String body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>"
                + fault.code
                + "</Code><Message>injected by the test</Message></Error>";
        String type = fault.code.endsWith("Exception") ? "application/json" : "application/xml";
        if (type.equals("application/json")) {
          body = "{\"Type\":\"User\",\"message\":\"injected by the test\"}";
        }
        out.write(
            ("HTTP/1.1 "
                    + fault.status
                    + " "
                    + fault.code
                    + "\r\nContent-Type: "
                    + type
                    + "\r\nX-Amzn-ErrorType: "
                    + fault.code
                    + "\r\nContent-Length: "
                    + body.length()
                    + "\r\nConnection: close\r\n\r\n"
                    + body)
                .getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (latencyMs > 0) {
        Thread.sleep(latencyMs);
      }
      try (Socket s3 = new Socket(upstream.getHost(), upstream.getPort())) {
        s3.getOutputStream().write(request);
        UnaryOperator<String> rewrite =
            rewrites.entrySet().stream()
                .filter(r -> line.startsWith(r.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (rewrite == null) {
          s3.getInputStream().transferTo(out);
        } else {
          out.write(rewritten(s3.getInputStream().readAllBytes(), rewrite));
        }
      }
    } catch (IOException e) {
      // the client went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * An answer (read to its end: the request asked to close) with its body rewritten and its length
   * told anew.
   */
  private static byte[] rewritten(byte[] answer, UnaryOperator<String> rewrite) {
    String text = new String(answer, StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    byte[] body = rewrite.apply(text.substring(split + 4)).getBytes(StandardCharsets.UTF_8);
    String head =
        text.substring(0, split)
            .replaceAll("(?im)^content-length:.*$", "Content-Length: " + body.length);
    byte[] start = (head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] whole = java.util.Arrays.copyOf(start, start.length + body.length);
    System.arraycopy(body, 0, whole, start.length, body.length);
    return whole;
  }

  /** Reads one request, rewritten to close its connection after the answer. */
  private static byte[] readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    int matched = 0;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    if (matched < 4) {
      return null;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    StringBuilder rewritten = new StringBuilder(lines[0]).append("\r\n");
    int length = 0;
    for (int i = 1; i < lines.length; i++) {
      String lower = lines[i].toLowerCase(Locale.ROOT);
      if (lower.startsWith("connection:")) {
        continue;
      }
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lines[i].substring(15).trim());
      }
      rewritten.append(lines[i]).append("\r\n");
    }
    rewritten.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
    request.write(in.readNBytes(length));
    return request.toByteArray();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
