package dev.flowexec.sdk.integration.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * A raw-socket HTTP/1.1 server that misbehaves on purpose, on loopback only and bounded (at most 80
 * connections at once, daemon threads, everything closed by {@link #close()}). It counts the
 * requests that reached it (a complete request head and body) and the bytes it managed to write, so
 * a test can say how many requests went out and whether a body was drained.
 */
public final class HostileServer implements AutoCloseable {
  /** What the server does with each request. */
  public enum Behaviour {
    /** Reads the request and never answers. */
    NEVER_ANSWER,
    /** Sends the head and part of the body of a {@code 201}, then stalls. */
    STALL_MID_BODY,
    /** A {@code 201} whose chunked body never ends. */
    ENDLESS_CHUNKED_BODY,
    /** A {@code 201} with a 50 MB {@code output_data} and its {@code Content-Length}. */
    HUGE_CONTENT_LENGTH,
    /** A {@code 201} with {@code Content-Encoding: gzip} whose body inflates without end. */
    GZIP_BOMB,
    /** An invalid status line, then the connection closes. */
    INVALID_STATUS_LINE,
    /**
     * A valid {@code 201}; the connection is closed once idle for {@code idleCloseMillis}, without
     * {@code Connection: close}.
     */
    CLOSE_WHEN_IDLE,
    /**
     * A valid {@code 201}, then the connection closes (an HTTP/1.0-style server), without {@code
     * Connection: close}.
     */
    CLOSE_AFTER_EACH_RESPONSE,
    /**
     * {@code 503} with the chosen {@code Retry-After}, a JSON error body and {@code X-Request-Id}.
     */
    UNAVAILABLE,
    /**
     * {@code 502} with a 5 MiB HTML body and its {@code Content-Length}; the connection stays open
     * for more.
     */
    BIG_ERROR_BODY,
    /**
     * Answers whatever arrives (a TLS ClientHello, say) with a plain HTTP {@code 400}, and keeps
     * the connection open.
     */
    PLAIN_HTTP,
    /**
     * A valid {@code 201} to the first request of each connection; on the second, the connection is
     * reset as soon as the request's head arrived, its body unread and no response byte written: a
     * middlebox that gives up on a keep-alive connection just as the client reuses it. Both
     * requests count as having reached the server.
     */
    RESET_SECOND_REQUEST
  }

  private static final Pattern EXECUTION_ID =
      Pattern.compile("\"flow_execution_id\"\\s*:\\s*\"([^\"]+)\"");
  private static final byte[] ZEROS_BLOCK = fullFlushedZeros();

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final String retryAfter;
  private final long idleCloseMillis;
  private final ExecutorService threads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile boolean closed;

  private HostileServer(Behaviour behaviour, String retryAfter, long idleCloseMillis)
      throws IOException {
    this.behaviour = behaviour;
    this.retryAfter = retryAfter;
    this.idleCloseMillis = idleCloseMillis;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    AtomicInteger count = new AtomicInteger();
    this.threads =
        new ThreadPoolExecutor(
            0,
            81,
            5,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread = new Thread(task, "hostile-server-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    threads.execute(this::accept);
  }

  /** Starts a server that behaves so with every request. */
  public static HostileServer start(Behaviour behaviour) throws IOException {
    return new HostileServer(behaviour, null, 0);
  }

  /** Starts a server that answers {@code 503} with this {@code Retry-After} value. */
  public static HostileServer unavailable(String retryAfter) throws IOException {
    return new HostileServer(Behaviour.UNAVAILABLE, retryAfter, 0);
  }

  /** Starts a server that closes connections idle for longer than {@code millis}. */
  public static HostileServer closingWhenIdle(long millis) throws IOException {
    return new HostileServer(Behaviour.CLOSE_WHEN_IDLE, null, millis);
  }

  /** {@code http://127.0.0.1:port}. */
  public String httpUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /**
   * {@code https://127.0.0.1:port}: the server does not speak TLS, so a handshake stalls or fails.
   */
  public String httpsUrl() {
    return "https://127.0.0.1:" + server.getLocalPort();
  }

  /** The requests that reached the server: a complete head and body. */
  public int requests() {
    return requests.get();
  }

  /** The connections accepted. */
  public int connections() {
    return connections.get();
  }

  /** The bytes of responses written to the sockets. */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    threads.shutdownNow();
  }

  private void accept() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.incrementAndGet();
      open.add(socket);
      try {
        threads.execute(() -> serve(socket));
      } catch (RuntimeException full) {
        closeQuietly(socket); // more than 80 connections at once: refuse
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      if (behaviour == Behaviour.PLAIN_HTTP) {
        in.read(new byte[4096]);
        write(out, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        holdOpen(in);
        return;
      }
      int served = 0;
      while (!closed) {
        if (behaviour == Behaviour.CLOSE_WHEN_IDLE) {
          socket.setSoTimeout((int) idleCloseMillis);
        }
        boolean reset = behaviour == Behaviour.RESET_SECOND_REQUEST && ++served == 2;
        String request;
        try {
          request = readRequest(in, !reset);
        } catch (SocketTimeoutException idle) {
          return; // CLOSE_WHEN_IDLE: the middlebox gives up on the idle connection
        }
        if (request == null) {
          return;
        }
        socket.setSoTimeout(10_000);
        requests.incrementAndGet();
        if (reset) {
          socket.setSoLinger(true, 0); // a reset, not a graceful close
          return;
        }
        if (!answer(request, in, out)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(socket);
    }
  }

  /** Answers one request; returns whether the connection stays open for another. */
  private boolean answer(String request, InputStream in, OutputStream out) throws IOException {
    String id = executionId(request);
    switch (behaviour) {
      case NEVER_ANSWER:
        holdOpen(in);
        return false;
      case STALL_MID_BODY:
        write(
            out,
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                + "{\"flow_execution_id\":\""
                + id
                + "\",");
        holdOpen(in);
        return false;
      case ENDLESS_CHUNKED_BODY:
        {
          write(
              out,
              "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
          writeChunk(
              out,
              ("{\"flow_execution_id\":\"" + id + "\",\"output_data\":{\"blob\":\"")
                  .getBytes(StandardCharsets.UTF_8));
          byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
          while (!closed) {
            writeChunk(out, chunk);
          }
          return false;
        }
      case HUGE_CONTENT_LENGTH:
        {
          byte[] head =
              ("{\"flow_execution_id\":\""
                      + id
                      + "\",\"flow_id\":\"abc-123\",\"status\":\"COMPLETED\","
                      + "\"created_at\":\"2026-11-28T10:00:00Z\",\"output_data\":{\"blob\":\"")
                  .getBytes(StandardCharsets.UTF_8);
          byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
          long blob = 50_000_000;
          write(
              out,
              "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: "
                  + (head.length + blob + tail.length)
                  + "\r\n\r\n");
          write(out, head);
          byte[] chunk = "b".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
          for (long left = blob; left > 0; left -= chunk.length) {
            write(out, chunk, (int) Math.min(chunk.length, left));
          }
          write(out, tail);
          return true;
        }
      case GZIP_BOMB:
        {
          write(
              out,
              "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n");
          writeChunk(
              out,
              gzipPrefix("{\"flow_execution_id\":\"" + id + "\",\"output_data\":{\"blob\":\""));
          while (!closed) {
            writeChunk(out, ZEROS_BLOCK); // each one inflates to 1 MiB of '0'
          }
          return false;
        }
      case INVALID_STATUS_LINE:
        write(out, "HTTP/1.1 2O1 Cre\u0000ted\r\nContent-Length: 0\r\n\r\n");
        return false;
      case CLOSE_WHEN_IDLE:
      case RESET_SECOND_REQUEST:
        created(out, id);
        return true;
      case CLOSE_AFTER_EACH_RESPONSE:
        created(out, id);
        return false;
      case UNAVAILABLE:
        {
          String body =
              "{\"error_code\":\"unavailable\",\"message\":\"try later\",\"request_id\":\"req_hostile_503\"}";
          write(
              out,
              "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: "
                  + retryAfter
                  + "\r\nX-Request-Id: req_hostile_503\r\nContent-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body);
          return true;
        }
      case BIG_ERROR_BODY:
        {
          int size = 5 * 1024 * 1024;
          write(
              out,
              "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\nContent-Length: "
                  + size
                  + "\r\n\r\n");
          byte[] chunk = "c".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
          for (int left = size; left > 0; left -= chunk.length) {
            write(out, chunk, Math.min(chunk.length, left));
          }
          return true;
        }
      default:
        throw new IllegalStateException(behaviour.toString());
    }
  }

  private void created(OutputStream out, String id) throws IOException {
    String body =
        "{\"flow_execution_id\":\""
            + id
            + "\",\"flow_id\":\"abc-123\",\"status\":\"QUEUED\","
            + "\"channel_type\":\"web\",\"created_at\":\"2026-11-28T10:00:00Z\",\"updated_at\":\"2026-11-28T10:00:00Z\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    write(
        out,
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Request-Id: req_hostile_201\r\n"
            + "Content-Length: "
            + bytes.length
            + "\r\n\r\n");
    write(out, bytes);
  }

  /**
   * Reads a request head and, if asked, its body (by {@code Content-Length}); null at end of
   * stream.
   */
  private static String readRequest(InputStream in, boolean withBody) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > 64 * 1024) {
        return null;
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    if (!withBody) {
      return text;
    }
    Matcher length = Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text);
    int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
    byte[] body = in.readNBytes(Math.min(size, 2 * 1024 * 1024));
    if (body.length < size) {
      return null;
    }
    return text + new String(body, StandardCharsets.UTF_8);
  }

  private static String executionId(String request) {
    Matcher body = EXECUTION_ID.matcher(request);
    if (body.find()) {
      return body.group(1);
    }
    String line = request.substring(0, Math.max(0, request.indexOf('\r')));
    String[] parts = line.split(" ", -1);
    String path = parts.length > 1 ? parts[1] : "";
    return path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  private void holdOpen(InputStream in) throws IOException {
    byte[] sink = new byte[1024];
    while (!closed) {
      try {
        if (in.read(sink) < 0) {
          return;
        }
      } catch (SocketTimeoutException stillThere) {
        // keep holding
      }
    }
  }

  private void write(OutputStream out, String text) throws IOException {
    write(out, text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private void write(OutputStream out, byte[] bytes) throws IOException {
    write(out, bytes, bytes.length);
  }

  private void write(OutputStream out, byte[] bytes, int length) throws IOException {
    out.write(bytes, 0, length);
    out.flush();
    bytesWritten.addAndGet(length);
  }

  private void writeChunk(OutputStream out, byte[] chunk) throws IOException {
    write(out, Integer.toHexString(chunk.length) + "\r\n");
    write(out, chunk);
    write(out, "\r\n");
  }

  /**
   * A gzip header and a deflate stream of {@code text}, flushed so that raw deflate blocks may
   * follow.
   */
  private static byte[] gzipPrefix(String text) {
    byte[] header = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    byte[] deflated = deflate(text.getBytes(StandardCharsets.UTF_8));
    byte[] all = new byte[header.length + deflated.length];
    System.arraycopy(header, 0, all, 0, header.length);
    System.arraycopy(deflated, 0, all, header.length, deflated.length);
    return all;
  }

  /** 1 MiB of '0' as a full-flushed raw deflate block: blocks so made may be repeated at will. */
  private static byte[] fullFlushedZeros() {
    byte[] zeros = new byte[1024 * 1024];
    java.util.Arrays.fill(zeros, (byte) '0');
    return deflate(zeros);
  }

  private static byte[] deflate(byte[] input) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) > 0) {
      out.write(buffer, 0, n);
      if (n < buffer.length && deflater.needsInput()) {
        break;
      }
    }
    deflater.end();
    return out.toByteArray();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
