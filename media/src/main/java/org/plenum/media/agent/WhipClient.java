package org.plenum.media.agent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny WHIP/WHEP client for a {@link RoomAgent} (what a hardware encoder or decoder does with a room's URL and
 * bearer secret): WHIP posts the agent's offer and applies the answer; WHEP posts an empty body (or, by the current
 * draft, an offer that the server answers {@code 406} with its counter-offer), answers the server's offer with
 * {@code PATCH application/sdp}. Local candidates go out as {@code PATCH application/trickle-ice-sdpfrag} with
 * {@code If-Match} (RFC 9725), in order, once the resource exists; {@link #delete()} ends it.
 */
public final class WhipClient implements AutoCloseable {
  /** One HTTP answer, kept whole for assertions. */
  public record Response(int status, String body, String location, String contentType, String etag, String wwwAuthenticate,
                         List<String> links) {}

  /** A non-2xx answer to the POST. */
  public static final class Refused extends RuntimeException {
    private final Response response;

    Refused(Response response) {
      super("HTTP " + response.status() + ": " + response.body());
      this.response = response;
    }

    public Response response() {
      return response;
    }
  }

  private final HttpClient http;
  private final String token;
  private final PeerSession session;
  private URI resource;
  private String etag;
  private Response createdResponse;
  private String offer;
  private boolean open;                                  // candidates go out directly once true
  private Future<?> tail = Future.succeededFuture();   // the agent's context only
  private final List<SignalMessage.Candidate> held = new ArrayList<>();

  private WhipClient(Vertx vertx, String token, PeerSession session) {
    this.http = vertx.createHttpClient(new HttpClientOptions());
    this.token = token;
    this.session = session;
  }

  /** WHIP: publishes the agent's synthetic camera at {@code url}. */
  public static Future<WhipClient> publish(Vertx vertx, RoomAgent agent, String url, String token) {
    return publish(vertx, agent, url, token, java.util.function.UnaryOperator.identity());
  }

  /**
   * WHIP with the offer as {@code edit} makes it (e.g. H.264 only, like a hardware encoder): the agent's local
   * description keeps every codec, the bridge answers with one of those left in the posted offer.
   */
  public static Future<WhipClient> publish(Vertx vertx, RoomAgent agent, String url, String token,
                                           java.util.function.UnaryOperator<String> edit) {
    PeerSession session = agent.newSession("whip");
    agent.publishOn(session);
    WhipClient c = new WhipClient(vertx, token, session);
    session.onLocalCandidate(c::candidate);
    return session.createOffer()
        .compose(offer -> {
          c.offer = edit.apply(offer);
          return c.send(HttpMethod.POST, URI.create(url), "application/sdp", c.offer);
        })
        .compose(r -> c.created(url, r).compose(v -> session.applyAnswer(r.body())))
        .map(v -> c.release());
  }

  /** WHEP (server offers, MV12): receives the meeting's current speaker at {@code url}. */
  public static Future<WhipClient> watch(Vertx vertx, RoomAgent agent, String url, String token) {
    PeerSession session = agent.newSession("whep");
    WhipClient c = new WhipClient(vertx, token, session);
    session.onLocalCandidate(c::candidate);
    return c.send(HttpMethod.POST, URI.create(url), "application/sdp", "")
        .compose(r -> c.created(url, r).compose(v -> session.answer(r.body())))
        .compose(answer -> c.patch("application/sdp", answer))
        .compose(r -> r.status() == 204 ? Future.succeededFuture(c.release()) : Future.failedFuture(new Refused(r)));
  }

  /**
   * WHEP by the current draft: posts {@code offerSdp}; a server that must offer answers {@code 406} with its
   * counter-offer and {@code Location}: the agent answers that offer and PATCHes the answer ({@code 201} is applied as
   * an answer to {@code offerSdp}, which this agent cannot make without tracks, so it is refused here).
   */
  public static Future<WhipClient> watchByOffer(Vertx vertx, RoomAgent agent, String url, String token, String offerSdp) {
    PeerSession session = agent.newSession("whep-offer");
    WhipClient c = new WhipClient(vertx, token, session);
    session.onLocalCandidate(c::candidate);
    return c.send(HttpMethod.POST, URI.create(url), "application/sdp", offerSdp)
        .compose(r -> r.status() != 406 ? Future.<String>failedFuture(new Refused(r))
            : c.created(url, new Response(201, r.body(), r.location(), r.contentType(), r.etag(), r.wwwAuthenticate(), r.links()))
                .compose(v -> session.answer(r.body())))
        .compose(answer -> c.patch("application/sdp", answer))
        .compose(r -> r.status() == 204 ? Future.succeededFuture(c.release()) : Future.failedFuture(new Refused(r)));
  }

  /** A bare POST (for tests of refusals). */
  public static Future<Response> post(Vertx vertx, String url, String token, String contentType, String body) {
    WhipClient c = new WhipClient(vertx, token, null);
    return c.send(HttpMethod.POST, URI.create(url), contentType, body).eventually(c.http::close);
  }

  public PeerSession session() {
    return session;
  }

  /** The resource's ETag (from the answer to the POST). */
  public String etag() {
    return etag;
  }

  /** The offer this client posted (WHIP), or null. */
  public String offer() {
    return offer;
  }

  /** The answer to the POST that made the resource. */
  public Response created() {
    return createdResponse;
  }

  /** The resource's URL (from Location). */
  public URI resource() {
    return resource;
  }

  /** Ends the resource; the status of the DELETE. */
  public Future<Integer> delete() {
    return send(HttpMethod.DELETE, resource, null, null).map(Response::status);
  }

  /** Any PATCH on the resource, after the ones already queued. */
  public synchronized Future<Response> patch(String contentType, String body) {
    Future<Response> next = tail.transform(x -> send(HttpMethod.PATCH, resource, contentType, body));
    tail = next;
    return next;
  }

  @Override
  public void close() {
    http.close();
  }

  private Future<Void> created(String url, Response r) {
    if (r.status() != 201) {
      return Future.failedFuture(new Refused(r));
    }
    resource = URI.create(url).resolve(r.location());
    etag = r.etag();
    createdResponse = r;
    return Future.succeededFuture();
  }

  /** Sends the candidates gathered so far (after the answer is applied on both sides), then each as it comes. */
  private WhipClient release() {
    List<SignalMessage.Candidate> early;
    synchronized (this) {
      open = true;
      early = List.copyOf(held);
      held.clear();
    }
    early.forEach(this::trickle);
    return this;
  }

  private void candidate(SignalMessage.Candidate c) {
    synchronized (this) {
      if (!open) {
        held.add(c);
        return;
      }
    }
    trickle(c);
  }

  private void trickle(SignalMessage.Candidate c) {
    String frag = "a=mid:" + c.mid() + "\r\n" + "a=" + c.candidate() + "\r\n";
    patch("application/trickle-ice-sdpfrag", frag);
  }

  private Future<Response> send(HttpMethod method, URI uri, String contentType, String body) {
    RequestOptions o = new RequestOptions().setMethod(method).setAbsoluteURI(uri.toString());
    if (token != null) {
      o.putHeader("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      o.putHeader("Content-Type", contentType);
    }
    if (method == HttpMethod.PATCH && etag != null) {
      o.putHeader("If-Match", etag);
    }
    return http.request(o)
        .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> new Response(resp.statusCode(), b.toString(), resp.getHeader("Location"),
            resp.getHeader("Content-Type"), resp.getHeader("ETag"), resp.getHeader("WWW-Authenticate"), resp.headers().getAll("Link"))));
  }
}
