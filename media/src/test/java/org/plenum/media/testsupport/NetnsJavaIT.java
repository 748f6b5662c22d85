package org.plenum.media.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher of the video tests, {@code media/src/test/netns/netns-java}, from outside: what the JVM it starts sees,
 * and that the namespace is gone afterwards however the JVM ends. Needs root and iproute2 (skipped otherwise).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetnsJavaIT {

  private static final Path SCRIPT = Path.of("src/test/netns/netns-java").toAbsolutePath();
  private static final Pattern NS_LINE = Pattern.compile("ns=(plenum-\\d+-[0-9a-f]+)");

  @TempDir
  static Path dir;

  @BeforeAll
  static void rootWithIp() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "netns-java needs root");
    assumeTrue(run(List.of("ip", "netns", "list")).exitValue() == 0, "netns-java needs iproute2's ip netns");
    Files.writeString(dir.resolve("Probe.java"), """
        import java.net.NetworkInterface;
        import java.util.Collections;
        public class Probe {
          public static void main(String[] args) throws Exception {
            System.out.println("ns=" + System.getenv("PLENUM_NETNS"));
            System.out.println("addrs=" + System.getenv("PLENUM_NETNS_ADDRS"));
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
              System.out.println("if=" + nif.getName() + " up=" + nif.isUp() + " " + Collections.list(nif.getInetAddresses()));
            }
            System.out.println("stdin=" + new String(System.in.readNBytes(5)));
            if (args.length > 0 && args[0].equals("sleep")) {
              new ProcessBuilder("sleep", "120").start();      // a child that must not outlive the namespace
              System.out.println("sleeping");
              Thread.sleep(120_000);
            }
            System.exit(args.length > 0 ? Integer.parseInt(args[0].replace("sleep", "0")) : 0);
          }
        }
        """);
  }

  @Test
  @DisplayName("the JVM sees only lo, va (10.77.0.1) and vb (10.77.0.2), reads stdin, and its exit status comes back")
  void private_network_and_exit_status() throws Exception {
    Process p = launch("7");
    p.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.exitValue()).isEqualTo(7);
    assertThat(out).contains("addrs=10.77.0.1,10.77.0.2", "stdin=hello")
        .containsPattern("if=va up=true \\[.*/10\\.77\\.0\\.1]").containsPattern("if=vb up=true \\[.*/10\\.77\\.0\\.2]")
        .containsPattern("if=lo up=true");
    assertThat(out.lines().filter(l -> l.startsWith("if="))).hasSize(3);
    assertThat(namespaces()).doesNotContain(namespaceIn(out));
  }

  @Test
  @DisplayName("SIGTERM to the launcher stops the JVM, kills what it left running and deletes the namespace")
  void terminated_launcher_cleans_up() throws Exception {
    Process p = launch("sleep");
    p.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().flush();
    StringBuilder out = new StringBuilder();
    var reader = p.inputReader(StandardCharsets.UTF_8);
    for (String line; (line = reader.readLine()) != null && !line.equals("sleeping"); ) {
      out.append(line).append('\n');
    }
    String ns = namespaceIn(out.toString());
    assertThat(namespaces()).contains(ns);
    List<Long> inside = pidsIn(ns);
    assertThat(inside).hasSizeGreaterThanOrEqualTo(2);       // the JVM and its sleep

    p.destroy();                                             // SIGTERM to the launcher
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    assertThat(namespaces()).doesNotContain(ns);
    Await.until(() -> inside.stream().noneMatch(NetnsJavaIT::running), Duration.ofSeconds(5),
        () -> "still running: " + inside.stream().filter(NetnsJavaIT::running).toList());
  }

  /** Alive and not a zombie (a killed orphan stays a zombie until some reaper collects it). */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private static Process launch(String arg) throws IOException {
    return new ProcessBuilder(SCRIPT.toString(), "-cp", dir.toString(), dir.resolve("Probe.java").toString(), arg)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String namespaceIn(String out) {
    Matcher m = NS_LINE.matcher(out);
    assertThat(m.find()).as("namespace name in %s", out).isTrue();
    return m.group(1);
  }

  private static String namespaces() throws Exception {
    Process p = run(List.of("ip", "netns", "list"));
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static List<Long> pidsIn(String ns) throws Exception {
    Process p = run(List.of("ip", "netns", "pids", ns));
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().map(Long::parseLong).toList();
  }

  private static Process run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.waitFor(10, TimeUnit.SECONDS);
    return p;
  }
}
