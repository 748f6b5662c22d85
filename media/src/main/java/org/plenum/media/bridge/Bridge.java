package org.plenum.media.bridge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.media.MediaUnavailableException;
import org.plenum.media.janus.ConnectionListener;
import org.plenum.media.janus.JanusAdmin;
import org.plenum.media.janus.JanusClient;
import org.plenum.media.janus.JanusClientOptions;
import org.plenum.media.janus.VideoRoom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Janus instance of a {@link BridgePool}: its WebSocket client, Admin API probe, VideoRoom control, health and
 * last {@link LoadSample}. Healthy = the WebSocket is up and the last Admin API sample succeeded; a lost WebSocket
 * marks it down at once (no waiting for the next sample).
 */
public final class Bridge {

  private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

  private final BridgeConfig config;
  private final JanusClient client;
  private final JanusAdmin admin;
  private final VideoRoom videoRoom;
  private final AtomicInteger pendingPlacements = new AtomicInteger();
  private final int maxHandleInfo;
  private volatile boolean sampledOk;
  private volatile LoadSample sample = LoadSample.EMPTY;
  private volatile long sampledAtNanos;

  Bridge(Vertx vertx, BridgeConfig config, Duration requestTimeout, int maxHandleInfo) {
    this.config = config;
    this.maxHandleInfo = maxHandleInfo;
    this.client = JanusClient.create(vertx, JanusClientOptions.of(config.wsUrl(), config.apiSecret())
        .withRequestTimeout(requestTimeout));
    this.admin = new JanusAdmin(vertx, config.adminUrl(), config.adminSecret(), requestTimeout);
    this.videoRoom = new VideoRoom(client);
    client.addConnectionListener(new ConnectionListener() {
      @Override
      public void down(MediaUnavailableException cause) {
        sampledOk = false;
      }

      @Override
      public void up() {
        // healthy again after the next successful sample
      }
    });
  }

  public String name() {
    return config.name();
  }

  public BridgeConfig config() {
    return config;
  }

  public VideoRoom videoRoom() {
    return videoRoom;
  }

  public JanusClient client() {
    return client;
  }

  public boolean healthy() {
    return sampledOk && client.state() == JanusClient.State.UP;
  }

  public LoadSample lastSample() {
    return sample;
  }

  /** The placement score (lower is better); see {@link LoadSample#score}. */
  public double score() {
    return sample.score(config.capacityWeight(), pendingPlacements.get());
  }

  void placed() {
    pendingPlacements.incrementAndGet();
  }

  /** One Admin API round; marks the bridge down when it fails. */
  Future<LoadSample> sample() {
    return admin.listSessions()
        .compose(sessions -> {
          List<Future<List<long[]>>> perSession = new ArrayList<>();
          for (long s : sessions) {
            // a session may end between list_sessions and list_handles (Janus 458 "No such session"): it has no handles
            perSession.add(admin.listHandles(s).map(hs -> hs.stream().map(h -> new long[] {s, h}).toList())
                .recover(err -> err instanceof MediaUnavailableException ? Future.failedFuture(err)
                    : Future.succeededFuture(List.<long[]>of())));
          }
          return Future.all(perSession).map(cf -> {
            List<long[]> all = new ArrayList<>();
            for (int i = 0; i < cf.size(); i++) {
              all.addAll(cf.resultAt(i));
            }
            return all;
          });
        })
        .compose(this::classify)
        .onSuccess(s -> {
          sample = s;
          sampledOk = true;
          pendingPlacements.set(0);
        })
        .onFailure(err -> {
          if (sampledOk) {
            LOG.warn("bridge {} marked down: {}", config.name(), err.toString());
          }
          sampledOk = false;
        });
  }

  private Future<LoadSample> classify(List<long[]> handles) {
    List<long[]> probed = handles.subList(0, Math.min(handles.size(), maxHandleInfo));
    List<Future<JsonObject>> infos = new ArrayList<>();
    for (long[] sh : probed) {
      // a handle may vanish between list_handles and handle_info: count it as an idle handle
      infos.add(admin.handleInfo(sh[0], sh[1]).recover(err -> err instanceof MediaUnavailableException
          ? Future.failedFuture(err) : Future.succeededFuture(new JsonObject())));
    }
    return Future.all(infos).map(cf -> {
      int publishers = 0;
      int subscribers = 0;
      int other = handles.size() - probed.size();
      long packets = 0;
      for (int i = 0; i < cf.size(); i++) {
        JsonObject info = cf.resultAt(i);
        JsonObject ps = info.getJsonObject("plugin_specific", new JsonObject());
        String type = ps.getString("type", "");
        boolean publishing = !ps.getJsonArray("streams", new io.vertx.core.json.JsonArray()).isEmpty();
        if ("publisher".equals(type) && publishing) {
          publishers++;
        } else if ("subscriber".equals(type)) {
          subscribers++;
        } else {
          other++;
        }
        packets += LoadSample.packets(info);
      }
      long now = System.nanoTime();
      LoadSample previous = sample;
      double seconds = (now - sampledAtNanos) / 1e9;
      double pps = sampledAtNanos == 0 || seconds <= 0 ? 0 : Math.max(0, packets - previous.packetTotal()) / seconds;
      sampledAtNanos = now;
      return new LoadSample(publishers, subscribers, other, pps, packets);
    });
  }

  void close() {
    client.close();
    admin.close();
  }
}
