package org.plenum.server.testing;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Set;
import java.util.TreeSet;
import org.plenum.server.core.http.ApiRouter;

/** Every "METHOD /path" the live router serves, with :params written as {params} and sub-routers expanded. */
public final class ServedRoutes {
  private ServedRoutes() {}

  public static Set<String> of(TestServer server) {
    Router router = ApiRouter.create(server.app().vertx(), server.app().surface());
    Set<String> out = new TreeSet<>();
    collect(router, "", out);
    return out;
  }

  private static void collect(Router router, String prefix, Set<String> out) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || path.startsWith("/assets/")) {
        continue; // catch-all handlers (request log, body, static files, failures) and the web client's assets
      }
      if (route.getSubRouter() != null) {
        collect(route.getSubRouter(), prefix + path.replaceAll("/$", ""), out);
        continue;
      }
      Set<HttpMethod> methods = route.methods();
      if (methods == null || methods.isEmpty()) {
        continue;
      }
      String openapiPath = (prefix + path).replaceAll(":([A-Za-z]+)", "{$1}");
      for (HttpMethod m : methods) {
        out.add(m.name() + " " + openapiPath);
      }
    }
  }
}
