package dev.flowexec.sdk.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** The signing keys of a verifier: one or more, for rotation. Messages never show a key. */
final class Secrets {
  static final String STANDARD_PREFIX = "whsec_";

  private final List<byte[]> keys = new ArrayList<>();

  void addText(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException(
          "the webhook secret is empty: set the signing secret the sender shows you");
    }
    keys.add(secret.getBytes(StandardCharsets.UTF_8));
  }

  void addBytes(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length == 0) {
      throw new IllegalArgumentException(
          "the webhook secret is empty: set the signing secret the sender shows you");
    }
    keys.add(key.clone());
  }

  /** A Standard Webhooks secret: {@code whsec_} (optional) and the base64 of the key. */
  void addStandard(String secret) {
    Objects.requireNonNull(secret, "secret");
    String encoded =
        secret.startsWith(STANDARD_PREFIX) ? secret.substring(STANDARD_PREFIX.length()) : secret;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException(
          "the webhook secret is not a Standard Webhooks secret: after the"
              + " optional whsec_ prefix it must be base64 (A-Z a-z 0-9 + / =)",
          null);
    }
    if (key.length == 0) {
      throw new IllegalArgumentException(
          "the webhook secret is empty: set the signing secret the sender shows you"
              + " (whsec_ and base64)");
    }
    keys.add(key);
  }

  /** The keys, at least one. */
  List<byte[]> keys() {
    if (keys.isEmpty()) {
      throw new IllegalStateException(
          "no secret: call secret(...) at least once (twice while rotating)");
    }
    return Collections.unmodifiableList(new ArrayList<>(keys));
  }
}
