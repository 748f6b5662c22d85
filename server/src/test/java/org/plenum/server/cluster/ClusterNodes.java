package org.plenum.server.cluster;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.plenum.server.testing.ServerProcess;
import org.plenum.server.testing.TestPostgres;

/**
 * The settings of a test cluster: a cluster name and member ports unique to this run, every member on loopback, one
 * shared database, a short lease so takeovers happen in seconds.
 */
final class ClusterNodes {
  final String name = "plenum-it-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
  final String dbUrl = TestPostgres.newDatabase();
  final int[] ports;
  final String leaseTtl;
  /** One ballot master key for every node: a secret poll opened on one node takes ballots on all (D24, D42). */
  final String ballotKey;

  ClusterNodes(int nodes, String leaseTtl) throws IOException {
    this.ports = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      ports[i] = ServerProcess.freePort();
    }
    this.leaseTtl = leaseTtl;
    this.ballotKey = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target").toAbsolutePath(), "cluster-keys-")
        .resolve("ballot-master.key").toString();
  }

  /** The JVM flags Hazelcast wants on Java 17 (DESIGN §2); the launcher passes the same ones. */
  static final java.util.List<String> JVM_FLAGS = java.util.List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.management/sun.management=ALL-UNNAMED", "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

  /** The packaged server as node {@code i} in its own process (for SIGKILL), logging to target/{@code logName}.log. */
  Process launch(int i, java.nio.file.Path jar, Map<String, String> extra, String logName) throws IOException {
    java.util.List<String> cmd = new java.util.ArrayList<>();
    cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.addAll(JVM_FLAGS);
    cmd.add("-jar");
    cmd.add(jar.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(jar.getParent().getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(jar.getParent().resolve(logName + ".log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PLENUM_"));
    pb.environment().putAll(env(i));
    pb.environment().putAll(extra);
    return pb.start();
  }

  /** The environment of node {@code i} (0-based); only node 0 seeds the demo. */
  Map<String, String> env(int i) {
    Map<String, String> env = new HashMap<>();
    env.put("PLENUM_DB_URL", dbUrl);
    env.put("PLENUM_DB_USER", TestPostgres.get().user());
    env.put("PLENUM_DEMO_SEED", i == 0 ? "always" : "never");
    env.put("PLENUM_CLUSTER_ENABLED", "true");
    env.put("PLENUM_CLUSTER_NAME", name);
    env.put("PLENUM_CLUSTER_HOST", "127.0.0.1");
    env.put("PLENUM_CLUSTER_PORT", String.valueOf(ports[i]));
    StringBuilder members = new StringBuilder();
    for (int p : ports) {
      members.append(members.length() == 0 ? "" : ",").append("127.0.0.1:").append(p);
    }
    env.put("PLENUM_CLUSTER_MEMBERS", members.toString());
    env.put("PLENUM_CLUSTER_LEASE_TTL", leaseTtl);
    env.put("PLENUM_VOTES_BALLOT_KEY_FILE", ballotKey);
    env.put("PLENUM_AUTH_TICKETS_PER_MINUTE", "100000");
    return env;
  }
}
