package dev.flowexec.sdk.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The SDK's version, filtered into {@code version.properties} by the build so it is written in one
 * place (the POM). Not public API.
 */
public final class SdkVersion {
  private static final String VERSION = load();

  private SdkVersion() {}

  /**
   * Returns the SDK's version.
   *
   * @return the version, such as {@code 0.1.0}; {@code unknown} if the jar lost its properties
   */
  public static String version() {
    return VERSION;
  }

  /**
   * Returns the {@code User-Agent} every transport sends.
   *
   * @return {@code flowexec-java/<version>}
   */
  public static String userAgent() {
    return "flowexec-java/" + VERSION;
  }

  private static String load() {
    try (InputStream in = SdkVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SDK's version.properties", e);
    }
  }
}
