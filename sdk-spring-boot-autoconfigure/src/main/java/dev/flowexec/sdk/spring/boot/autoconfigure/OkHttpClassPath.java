package dev.flowexec.sdk.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Finds a second copy of OkHttp on the class path. sdk-retrofit runs on OkHttp 4; Spring Boot's
 * OpenTelemetry starter sends with OkHttp 5 ({@code okhttp-jvm}), whose classes have the same
 * names, so one class may load from each jar and fail far from the cause. Found at start-up, it is
 * a warning that says where the jars are and what to exclude.
 */
final class OkHttpClassPath {
  static final String CLIENT_CLASS = "okhttp3/OkHttpClient.class";
  private static final System.Logger LOG = System.getLogger("dev.flowexec.sdk.spring.boot");

  private OkHttpClassPath() {}

  /** Every place {@code okhttp3.OkHttpClient} can be loaded from; more than one is a clash. */
  static List<String> copies(ClassLoader loader) {
    try {
      List<String> places = new ArrayList<>();
      for (URL url : Collections.list(loader.getResources(CLIENT_CLASS))) {
        String text = url.toString();
        int bang = text.indexOf("!/");
        places.add(bang < 0 ? text : text.substring(0, bang));
      }
      return places;
    } catch (IOException unreadable) {
      return List.of();
    }
  }

  /** Logs a warning when OkHttp is on the class path more than once. */
  static void warnIfDuplicated(ClassLoader loader) {
    List<String> copies = copies(loader);
    if (copies.size() > 1) {
      LOG.log(
          System.Logger.Level.WARNING,
          "OkHttp is on the class path "
              + copies.size()
              + " times ("
              + String.join(", ", copies)
              + "); the flowexec transport needs OkHttp 4. If OkHttp 5 (okhttp-jvm) came with spring-boot-starter-opentelemetry, "
              + "exclude io.opentelemetry:opentelemetry-exporter-sender-okhttp from it and add "
              + "io.opentelemetry:opentelemetry-exporter-sender-jdk (the README's Spring Boot section shows how)");
    }
  }
}
