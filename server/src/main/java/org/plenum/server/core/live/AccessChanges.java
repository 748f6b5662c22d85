package org.plenum.server.core.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * D46: who may do what is remembered in memory ({@link Memo}: login sessions, a person's role in a meeting, a
 * document's access) and forgotten all at once when anything it depends on changes. A change is one number, the
 * process's access generation, going up: every remembered answer carries the generation it was read in and counts
 * only while that is still the current one, so nothing is ever served from before a change.
 *
 * <p>How a change is told: the code that made it calls {@link #changed} after its commit, which raises the generation
 * in this process at once (before the caller answers) and publishes on {@link #ADDRESS} for the other nodes. A
 * sign-out ({@link MeetingHub#REVOKED_ADDRESS}, published by auth, single sign-on and room credentials) counts as a
 * change too: an outbound interceptor raises the generation as it is published here, and a cluster-wide consumer
 * when it comes from another node. An answer read from the database while a change commits is not remembered: it
 * is kept only if the generation did not move between the read's start and its end.
 */
public final class AccessChanges {
  /** Published (never sent) after a commit that changes who may do what: accounts, participants, documents' access. */
  public static final String ADDRESS = "plenum.access.changed";

  private final Vertx vertx;
  private final AtomicLong generation;

  private AccessChanges(Vertx vertx, AtomicLong generation) {
    this.vertx = vertx;
    this.generation = generation;
  }

  /** The one generation of this Vert.x instance (process), listening for changes from the first call on. */
  public static AccessChanges of(Vertx vertx) {
    LocalMap<String, Holder> map = vertx.sharedData().getLocalMap("plenum.access");
    Holder fresh = new Holder();
    Holder held = map.putIfAbsent("generation", fresh);
    if (held == null) {
      held = fresh;
      AtomicLong g = fresh.generation;
      vertx.eventBus().addOutboundInterceptor(ctx -> {
        String address = ctx.message().address();
        if (ADDRESS.equals(address) || MeetingHub.REVOKED_ADDRESS.equals(address)) {
          g.incrementAndGet();
        }
        ctx.next();
      });
      LiveBus.consumer(vertx, ADDRESS, msg -> g.incrementAndGet());
      LiveBus.consumer(vertx, MeetingHub.REVOKED_ADDRESS, msg -> g.incrementAndGet());
    }
    return new AccessChanges(vertx, held.generation);
  }

  /** The generation now: it goes up with every change of access. */
  public long generation() {
    return generation.get();
  }

  /** Call after the commit of a change of access: forgets every remembered answer here at once and on other nodes. */
  public void changed(String what) {
    generation.incrementAndGet();
    vertx.eventBus().publish(ADDRESS, what);
  }

  /** A login session ended (signed out): forgets every remembered answer, and closes the session's sockets (S4). */
  public void sessionEnded(java.util.UUID session) {
    generation.incrementAndGet();
    vertx.eventBus().publish(MeetingHub.REVOKED_ADDRESS, session.toString());
  }

  /** Remembered answers of one kind, at most {@code max} of them (all forgotten when full). */
  public <K, V> Memo<K, V> memo(int max) {
    return new Memo<>(this, max);
  }

  /** A bounded map of answers, each valid only in the generation it was read in. Failures are never remembered. */
  public static final class Memo<K, V> {
    private record Entry<V>(V value, long generation) {}

    private final AccessChanges changes;
    private final int max;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private Memo(AccessChanges changes, int max) {
      this.changes = changes;
      this.max = max;
    }

    /** The answer for {@code key} remembered in this generation, or {@code load}'s (remembered if nothing changed meanwhile). */
    public Future<V> get(K key, Supplier<Future<V>> load) {
      long now = changes.generation();
      Entry<V> e = entries.get(key);
      if (e != null && e.generation() == now) {
        return Future.succeededFuture(e.value());
      }
      return load.get().onSuccess(v -> {
        if (changes.generation() != now) {
          return;
        }
        if (entries.size() >= max) {
          entries.clear();
        }
        entries.put(key, new Entry<>(v, now));
      });
    }

    /**
     * D48: remembers {@code value}, an answer this process has just made itself (a login session it opened), as if
     * read by {@link #get} from generation {@code readAt} (taken before the write): not remembered if access changed since.
     */
    public void remember(K key, V value, long readAt) {
      if (changes.generation() != readAt) {
        return;
      }
      if (entries.size() >= max) {
        entries.clear();
      }
      entries.put(key, new Entry<>(value, readAt));
    }

    /** How many answers are held (some may be from an older generation and no longer count). */
    public int size() {
      return entries.size();
    }
  }

  private static final class Holder implements Shareable {
    private final AtomicLong generation = new AtomicLong();
  }
}
