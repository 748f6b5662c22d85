package org.plenum.server.core.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.InputStream;

/**
 * Operations endpoints, open without sign-in: {@code /health} (the process is alive), {@code /ready} (PostgreSQL
 * answers within {@code db.ready_timeout} and its schema is at this build's migration), {@code /metrics}
 * (Prometheus) and {@code /openapi.yaml}.
 */
final class OpsRoutes {
  private OpsRoutes() {}

  static void mount(Vertx vertx, Router router, Surface s) {
    router.get("/health").handler(HealthCheckHandler.create(vertx).register("process", p -> p.complete(Status.OK())));

    // Our own timer answers KO (503) before the health-check library's timeout would answer 500.
    long timeout = s.config().db().readyTimeout().toMillis();
    router.get("/ready").handler(HealthCheckHandler.create(vertx).register("database", timeout + 5000, promise -> {
      long timer = vertx.setTimer(timeout, t -> promise.tryComplete(Status.KO(new JsonObject().put("reason", "database did not answer in time"))));
      s.db().schemaVersion()
          .onComplete(ar -> vertx.cancelTimer(timer))
          .onSuccess(version -> {
            JsonObject data = new JsonObject().put("schemaVersion", version).put("expected", s.schemaVersion());
            promise.tryComplete(version.equals(s.schemaVersion()) ? Status.OK(data) : Status.KO(data.put("reason", "migrations pending")));
          })
          .onFailure(err -> promise.tryComplete(Status.KO(new JsonObject().put("reason", "database unreachable"))));
    }));

    router.get("/metrics").handler(PrometheusScrapingHandler.create(s.metrics()));

    byte[] openapi = resource("openapi.yaml");
    router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(
        io.vertx.core.buffer.Buffer.buffer(openapi)));
  }

  private static byte[] resource(String name) {
    try (InputStream in = OpsRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing " + name + " on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
