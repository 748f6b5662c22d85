package org.plenum.server.media;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay on 127.0.0.1 between the server and a bridge's control port that the test can cut: {@link #cut()}
 * closes every relayed connection at once (both ends see the connection drop, as when a network path dies), and new
 * connections are relayed again right away.
 */
final class CuttableLink implements AutoCloseable {
  private final NetServer server;
  private final NetClient client;
  private final List<NetSocket[]> open = new CopyOnWriteArrayList<>();

  private CuttableLink(Vertx vertx, int targetPort) throws Exception {
    client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      client.connect(targetPort, "127.0.0.1").onSuccess(out -> {
        NetSocket[] pair = {in, out};
        open.add(pair);
        in.closeHandler(v -> {
          open.remove(pair);
          out.close();
        });
        out.closeHandler(v -> {
          open.remove(pair);
          in.close();
        });
        in.handler(out::write);
        out.handler(in::write);
        in.resume();
      }).onFailure(err -> in.close());
    });
    server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Relays 127.0.0.1:{@link #port()} to 127.0.0.1:{@code targetPort}. */
  static CuttableLink to(Vertx vertx, int targetPort) throws Exception {
    return new CuttableLink(vertx, targetPort);
  }

  int port() {
    return server.actualPort();
  }

  /** Drops every relayed connection now; returns how many there were. */
  int cut() {
    List<NetSocket[]> pairs = List.copyOf(open);
    open.clear();
    for (NetSocket[] pair : pairs) {
      pair[0].close();
      pair[1].close();
    }
    return pairs.size();
  }

  @Override
  public void close() throws Exception {
    cut();
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    client.close();
  }
}
