package org.plenum.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx from Debian as the documents peer: its own prefix and configuration in a temporary folder, 127.0.0.1 on a
 * free port, {@code sendfile on}, one worker per core, serving one folder. {@link #close} stops it (SIGTERM, fast
 * shutdown) and deletes the folder.
 */
final class NginxPeer implements AutoCloseable {
  private final Process process;
  private final Path prefix;
  private final int port;

  private NginxPeer(Process process, Path prefix, int port) {
    this.process = process;
    this.prefix = prefix;
    this.port = port;
  }

  static boolean installed() {
    return binary() != null;
  }

  private static String binary() {
    for (String p : new String[] {"/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"}) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return null;
  }

  /** Serves {@code file} as {@code /<file name>}; waits until it answers. */
  static NginxPeer start(Path file) throws IOException, InterruptedException {
    String nginx = binary();
    if (nginx == null) {
      throw new IllegalStateException("nginx is not installed: apt-get install -y nginx");
    }
    Path prefix = Files.createTempDirectory(ServerProcess.workDir(), "nginx-");
    Path www = Files.createDirectories(prefix.resolve("www"));
    Files.createLink(www.resolve(file.getFileName()), file);
    Files.createDirectories(prefix.resolve("logs"));
    int port = ServerProcess.freePort();
    boolean root = "root".equals(System.getProperty("user.name"));
    String conf = (root ? "user root;\n" : "") + """
        daemon off;
        worker_processes %d;
        pid %s/nginx.pid;
        error_log %s/logs/error.log warn;
        events { worker_connections 8192; }
        http {
          access_log off;
          sendfile on;
          tcp_nopush on;
          keepalive_requests 1000000;
          client_body_temp_path %s/tmp-body;
          proxy_temp_path %s/tmp-proxy;
          fastcgi_temp_path %s/tmp-fastcgi;
          uwsgi_temp_path %s/tmp-uwsgi;
          scgi_temp_path %s/tmp-scgi;
          default_type application/pdf;
          server {
            listen 127.0.0.1:%d;
            root %s;
            location / { }
          }
        }
        """.formatted(Runtime.getRuntime().availableProcessors(), prefix, prefix, prefix, prefix, prefix, prefix, prefix, port, www);
    Path confFile = prefix.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    Process p = new ProcessBuilder(nginx, "-p", prefix.toString(), "-c", confFile.toString(), "-e", prefix.resolve("logs/error.log").toString())
        .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
    NginxPeer peer = new NginxPeer(p, prefix, port);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        String log = Files.exists(prefix.resolve("logs/error.log")) ? Files.readString(prefix.resolve("logs/error.log")) : "";
        peer.close();
        throw new IllegalStateException("nginx exited with " + p.exitValue() + ": " + log);
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(peer.url(file.getFileName().toString())).toURL().openConnection();
        c.setRequestMethod("HEAD");
        if (c.getResponseCode() == 200) {
          return peer;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    peer.close();
    throw new IllegalStateException("nginx did not answer within 20 s");
  }

  String url(String name) {
    return "http://127.0.0.1:" + port + "/" + name;
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (var walk = Files.walk(prefix)) {
      for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      System.err.println("bench: could not delete " + prefix + ": " + e);
    }
  }
}
