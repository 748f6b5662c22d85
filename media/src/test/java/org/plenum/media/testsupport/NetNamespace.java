package org.plenum.media.testsupport;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The private network a video test runs in: the namespace {@code media/src/test/netns/netns-java} made for this JVM
 * (failsafe execution {@code video-it}), with its veth addresses (10.77.0.1 on {@code va}, 10.77.0.2 on
 * {@code vb}). WebRTC ignores loopback, so peers in the test need these addresses; nothing outside the namespace is
 * reachable from it, and nothing the test binds is reachable from outside.
 *
 * @param name      the namespace ({@code plenum-<pid>-<random>}), from {@code PLENUM_NETNS}
 * @param addresses the veth addresses, from {@code PLENUM_NETNS_ADDRS}
 */
public record NetNamespace(String name, List<String> addresses) {

  /** Set to {@code true} by the {@code video-it} execution: outside a namespace a video test then fails. */
  public static final String REQUIRED_PROPERTY = "plenum.netns.required";

  public NetNamespace {
    addresses = List.copyOf(addresses);
  }

  /**
   * The namespace this JVM runs in, if it runs in one: the launcher's variables are set and every address they name
   * is bound to a local, non-loopback interface.
   */
  public static Optional<NetNamespace> current() {
    String name = System.getenv("PLENUM_NETNS");
    String addrs = System.getenv("PLENUM_NETNS_ADDRS");
    if (name == null || name.isBlank() || addrs == null || addrs.isBlank()) {
      return Optional.empty();
    }
    List<String> addresses = Arrays.stream(addrs.split(",")).map(String::trim).toList();
    return addresses.stream().allMatch(NetNamespace::isLocalInterfaceAddress)
        ? Optional.of(new NetNamespace(name, addresses)) : Optional.empty();
  }

  /**
   * The namespace, or the end of this test: it fails when {@value #REQUIRED_PROPERTY} is {@code true} (the
   * {@code video-it} execution), and is skipped otherwise (a video test started from an IDE).
   */
  public static NetNamespace require() {
    Optional<NetNamespace> ns = current();
    if (ns.isPresent()) {
      return ns.get();
    }
    String why = "not inside a test network namespace (PLENUM_NETNS unset, or its addresses are not on a local "
        + "interface): video tests run through media/src/test/netns/netns-java, e.g. "
        + "mvn -B -ntp -pl media -am verify -Dit.test='*VideoIT' -Dsurefire.failIfNoSpecifiedTests=false";
    if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
      throw new AssertionError(why);
    }
    Assumptions.abort(why);
    throw new AssertionError("unreachable");
  }

  /** Whether a candidate line ({@code candidate:... udp <prio> <address> <port> typ host ...}) is on our veth. */
  public boolean isHostCandidateOnVeth(String candidateLine) {
    String[] f = candidateLine.split(" ");
    return f.length > 7 && f[7].equals("host") && addresses.contains(f[4]);
  }

  private static boolean isLocalInterfaceAddress(String address) {
    try {
      InetAddress inet = InetAddress.getByName(address);
      NetworkInterface nif = NetworkInterface.getByInetAddress(inet);
      return nif != null && !nif.isLoopback() && nif.isUp();
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }
}
