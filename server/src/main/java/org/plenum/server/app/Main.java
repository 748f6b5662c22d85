package org.plenum.server.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.plenum.server.config.ConfigException;
import org.plenum.server.config.PlenumConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar plenum-server.jar}: reads the configuration, starts everything, stops cleanly on SIGINT/SIGTERM. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PlenumConfig config;
    try {
      config = PlenumConfig.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println("plenum: configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(config.log().level(), Level.INFO));
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    for (String unknown : PlenumConfig.unknownVariables(System.getenv())) {
      log.warn("Environment variable {} names no configuration key and is ignored (see config/README.md)", unknown);
    }
    PlenumApp app;
    try {
      app = PlenumApp.start(config);
    } catch (Exception e) {
      log.error("Plenum could not start: {}", e.getMessage(), e instanceof IllegalStateException ? null : e);
      System.err.println("plenum: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("Stopping Plenum");
      try {
        app.close();
      } catch (Exception e) {
        log.warn("Stop was not clean: {}", e.toString());
      }
    }, "plenum-shutdown"));
    printBanner(app);
  }

  private static void printBanner(PlenumApp app) {
    StringBuilder b = new StringBuilder();
    b.append("\n  Plenum is ready: ").append(app.url()).append('\n');
    b.append("  Health: ").append(app.url()).append("ready   API: ").append(app.url()).append("openapi.yaml\n");
    if (app.demoSeeded()) {
      b.append("\n  Demo meeting \"").append(DemoSeeder.MEETING_TITLE).append("\" — accounts (password: demo.password, default 'plenum-demo'):\n");
      for (var a : DemoSeeder.ACCOUNTS) {
        b.append(String.format("    %-10s %-14s %s%n", a.username(), a.role(), a.displayName()));
      }
    }
    b.append("\n  Stop with Ctrl-C.\n");
    System.out.println(b);
    System.out.flush();
  }
}
