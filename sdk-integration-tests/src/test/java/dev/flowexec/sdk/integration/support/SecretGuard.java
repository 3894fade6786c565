package dev.flowexec.sdk.integration.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Watches everything a test run shows a person (System.out, System.err, every JUL log record
 * whatever its level, and every exception's message, toString and stack trace with causes and
 * suppressed ones) and asserts that no token or secret appears in any of it.
 *
 * <p>Open it around the code under test; {@link #close()} restores the streams.
 */
public final class SecretGuard implements AutoCloseable {
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();
  private final Logger root = Logger.getLogger("");
  private final Level rootLevel = root.getLevel();
  private final ConcurrentLinkedQueue<LogRecord> records = new ConcurrentLinkedQueue<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record); // formatted when checked, to keep logging cheap under load
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private int exceptions;

  public SecretGuard() {
    System.setOut(new PrintStream(tee(originalOut), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(tee(originalErr), true, StandardCharsets.UTF_8));
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.ALL);
  }

  private OutputStream tee(PrintStream original) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (captured) {
          captured.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (captured) {
          captured.write(b, off, len);
        }
        original.write(b, off, len);
      }
    };
  }

  /** Records what a failure shows: message, toString and full stack trace, causes included. */
  public void record(Throwable failure) {
    if (failure == null) {
      return;
    }
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    StringBuilder all = new StringBuilder(trace.toString());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append('\n').append(t).append('\n').append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    texts.add(all.toString());
    synchronized (this) {
      exceptions++;
    }
  }

  /** Records any text a person may see, such as a transport's toString(). */
  public void record(String text) {
    texts.add(String.valueOf(text));
  }

  public synchronized int exceptionsRecorded() {
    return exceptions;
  }

  /** Everything seen so far. */
  public String seen() {
    StringBuilder all = new StringBuilder();
    synchronized (captured) {
      all.append(captured.toString(StandardCharsets.UTF_8));
    }
    texts.forEach(t -> all.append('\n').append(t));
    SimpleFormatter formatter = new SimpleFormatter();
    records.forEach(r -> all.append('\n').append(formatter.format(r)));
    return all.toString();
  }

  /** Asserts that none of the secrets (tokens, client secrets) appears in anything seen. */
  public void assertNoneOf(Collection<String> secrets) {
    String seen = seen();
    List<String> leaked = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty() && seen.contains(secret)) {
        leaked.add(secret.substring(0, Math.min(6, secret.length())) + "...");
      }
    }
    assertThat(leaked).as("secrets that appeared in output, logs or exception texts").isEmpty();
  }

  @Override
  public void close() {
    System.out.flush();
    System.err.flush();
    System.setOut(originalOut);
    System.setErr(originalErr);
    root.removeHandler(handler);
    root.setLevel(rootLevel);
  }

  /** Prints to the real stdout, whatever is captured. */
  public void println(String line) {
    originalOut.println(line);
  }
}
