package dev.flowexec.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * Shared by the first-launch mains: prints how long the JVM took from its start to the first
 * successful launch. JDK types only, so it loads nothing of any contender.
 *
 * <p>The start is {@code RuntimeMXBean.getStartTime()} (millisecond precision, taken as the VM
 * initializes); {@code ProcessHandle}'s start instant is not used because on Linux it is derived
 * from the boot time in whole seconds. run.sh also measures the whole process from outside.
 */
final class FirstLaunch {
  private FirstLaunch() {}

  /**
   * Prints one line that run.sh parses, then exits (the peer leaves non-daemon threads).
   *
   * @param contender the contender's name
   * @param what a short description of the result, to show the launch really worked
   */
  static void report(String contender, String what) {
    long now = System.currentTimeMillis();
    long sinceJvm = now - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.println(
        "first_launch contender="
            + contender
            + " ms_since_jvm_start="
            + sinceJvm
            + " at="
            + Instant.ofEpochMilli(now)
            + " result="
            + what);
    System.out.flush();
    System.exit(0);
  }

  static String baseUrl(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: <main> BASE_URL   (the loopback server's base URL)");
      System.exit(2);
    }
    return args[0];
  }
}
