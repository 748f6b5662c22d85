package org.plenum.server.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.Clock;
import org.plenum.server.auth.AccountsFeature;
import org.plenum.server.auth.SigningKeys;
import org.plenum.server.config.PlenumConfig;
import org.plenum.server.config.PlenumConfig.DemoSeed;
import org.plenum.server.core.db.DbTarget;
import org.plenum.server.core.db.EmbeddedDatabase;
import org.plenum.server.core.db.EmbeddedSupervisor;
import org.plenum.server.core.db.Migrations;
import org.plenum.server.core.ledger.PgLedgerStore;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.core.live.Features;
import org.plenum.server.core.live.LiveMeetings;
import org.plenum.server.core.db.Database;
import org.plenum.server.core.http.Surface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Plenum: data-folder lock, database (embedded or external), migrations, Vert.x with metrics, services,
 * first-run data and the HTTP verticle. {@link #start} blocks until the server listens; {@link #close} undoes it.
 */
public final class PlenumApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlenumApp.class);

  private final PlenumConfig config;
  private final DataDirLock lock;
  private final EmbeddedSupervisor embedded;
  private final Vertx vertx;
  private final int port;
  private final boolean demo;
  private final Ledger ledger;

  private final LiveMeetings live;
  private final Surface surface;
  private final NodeOwnership ownership;

  private PlenumApp(PlenumConfig config, DataDirLock lock, EmbeddedSupervisor embedded, Vertx vertx, int port, boolean demo,
                    Ledger ledger, LiveMeetings live, Surface surface, NodeOwnership ownership) {
    this.ownership = ownership;
    this.live = live;
    this.surface = surface;
    this.config = config;
    this.lock = lock;
    this.embedded = embedded;
    this.vertx = vertx;
    this.port = port;
    this.demo = demo;
    this.ledger = ledger;
  }

  public static PlenumApp start(PlenumConfig config) throws Exception {
    DataDirLock lock = DataDirLock.acquire(config.data().dir());
    EmbeddedSupervisor embedded = null;
    Vertx vertx = null;
    org.plenum.server.media.MediaFeature media = null;
    io.vertx.core.Future<org.plenum.server.media.MediaFeature> mediaStarting = null;
    NodeOwnership ownership = null;
    try {
      System.setProperty("pdfbox.fontcache", config.data().dir().resolve("cache").toString());
      org.plenum.server.media.MediaFeature.prestart(config.media(), config.data().dir());
      DbTarget target;
      if (config.db().embedded()) {
        var db = config.db();
        embedded = EmbeddedSupervisor.start(config.data().dir(), db.embeddedPort(), true, new EmbeddedSupervisor.Policy(db.embeddedCheckInterval(),
            db.embeddedRestartAttempts(), db.embeddedRestartBackoff(), db.embeddedRestartBackoffMax()),
            org.plenum.server.core.db.EmbeddedCache.in(db.embeddedCacheDir()));
        target = new DbTarget(embedded.database().url(EmbeddedDatabase.DATABASE), embedded.database().user(), "");
      } else {
        target = DbTarget.of(config.db());
      }
      String schema;
      try {
        schema = Migrations.migrate(target);
      } catch (RuntimeException e) {
        throw new IllegalStateException("Cannot prepare the database at " + target.display() + " as user '" + target.user() + "': "
            + rootMessage(e), e);
      }

      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      vertx = org.plenum.server.app.cluster.ClusteredVertx.build(Vertx.builder()
          .withMetrics(StartupSafeMetrics.wrap(new MicrometerMetricsFactory(registry))),
          new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
              .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))), config.cluster());
      new io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics().bindTo(registry);
      new io.micrometer.core.instrument.binder.system.ProcessorMetrics().bindTo(registry);

      Database db = Database.connect(vertx, target, config.db().poolSize(), config.db().connectTimeout());
      Clock clock = Clock.systemUTC();
      var accounts = AccountsFeature.start(vertx, db, config.auth(), config.oidc(), config.admin().username(),
          config.http().trustForwardedFor(), clock, config.cluster().enabled()).await();
      ownership = NodeOwnership.start(vertx, db, config.cluster(), registry);
      var ledgerStore = new PgLedgerStore(db);
      var ledger = new Ledger(vertx, db, ledgerStore);
      var agenda = new org.plenum.server.agenda.AgendaFeature(ledger);
      var meeting = new org.plenum.server.meeting.MeetingFeature(vertx, db, ledger, accounts.tickets(), accounts.accounts(), agenda.api());
      var speaker = new org.plenum.server.speaker.SpeakerFeature(db, ledger, agenda.api(), meeting.api(), config.speaker().defaultTimeLimit());
      var presentation = new org.plenum.server.presentation.PresentationFeature(ledger, meeting.api());
      var documents = new org.plenum.server.document.DocumentFeature(vertx, db, ledger, meeting.api(), config.documents(), config.data().dir(),
          registry);
      var rooms = new org.plenum.server.room.RoomFeature(vertx, db, ledger, accounts.auth(), config, clock);
      var resultKey = accounts.signingKey(SigningKeys.RESULTS_KEY_ID).await();
      var votes = new org.plenum.server.vote.VoteFeature(vertx, db, ledger, agenda.api(), meeting.api(), config.votes().maxProxiesPerVoter(), resultKey,
          config.votes().ballotKeyFile().isEmpty() ? config.data().dir().resolve("keys").resolve("ballot-master.key")
              : java.nio.file.Path.of(config.votes().ballotKeyFile()), config.votes().secretMaxUnitEntries(), ownership.ownership(), registry);
      meeting.api().watchQuorum(votes::quorum);
      var annotations = new org.plenum.server.annotation.AnnotationFeature(db, ledger, documents.api(), presentation.api(), meeting.api(),
          config.annotations());
      var minutes = new org.plenum.server.minutes.MinutesFeature(vertx, db, ledger, meeting.api(), config.minutes(), config.data().dir(),
          documents.signatures());
      // Media (Janus, prestarted above) comes up while the demo is seeded; awaited below, before the features start.
      mediaStarting = org.plenum.server.media.MediaFeature.start(vertx, config.media(), config.data().dir(), db, ledger, speaker.api(),
          rooms.credentials(), new org.plenum.server.room.TurnCredentials(config.turn()), ownership.ownership(), registry);
      var seeder = new DemoSeeder(vertx, db, accounts.store(), meeting.store(), ledgerStore, accounts.hasher());
      boolean seed = config.demo().seed() == DemoSeed.ALWAYS || config.demo().seed() == DemoSeed.AUTO && config.db().embedded();
      if (seed && seeder.seedDemo(config.demo().password()).await()) {
        LOG.info("Seeded the demo meeting '{}' and its accounts", DemoSeeder.MEETING_TITLE);
      }
      if (!config.admin().initialPassword().isEmpty()) {
        try {
          accounts.auth().checkPasswordPolicy(config.admin().initialPassword());
        } catch (org.plenum.server.core.error.PlenumException e) {
          throw new org.plenum.server.config.ConfigException("admin.initial_password (PLENUM_ADMIN_INITIAL_PASSWORD): " + e.getMessage());
        }
      }
      if (!config.admin().initialPassword().isEmpty() && seeder.bootstrapAdmin(config.admin().username(), config.admin().initialPassword()).await()) {
        LOG.info("Created the administrator account '{}' from admin.initial_password", config.admin().username());
      }
      boolean demo = seeder.seeded().await();

      media = mediaStarting.await();
      Features features = Features.of(java.util.List.of(accounts, meeting, agenda, speaker, presentation, documents, rooms, votes,
          annotations, minutes, media));
      var liveMeetings = new LiveMeetings(config.ws(), db, ledgerStore, features, meeting.admission(),
          new org.plenum.server.core.live.LiveMetrics(registry));
      var surface = new Surface(config, db, schema, registry, liveMeetings, accounts.auth(), meeting.access());

      for (var feature : features.all()) {
        feature.start().await();
      }
      // D41: one HTTP verticle per event loop, sharing the port; each has its own hub of meeting channels.
      int instances = config.http().verticles();
      java.util.List<HttpVerticle> deployed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
      vertx.deployVerticle(() -> {
        HttpVerticle v = new HttpVerticle(surface, instances);
        deployed.add(v);
        return v;
      }, new DeploymentOptions().setInstances(instances)).await();
      LOG.info("Serving HTTP on {} event loop(s) (http.event_loops)", instances);
      return new PlenumApp(config, lock, embedded, vertx, deployed.get(0).actualPort(), demo, ledger, liveMeetings, surface, ownership);
    } catch (Exception | Error e) {
      org.plenum.server.media.MediaFeature.abandonPrestart(config.data().dir());
      if (media != null) {
        media.close();
      } else if (mediaStarting != null) {
        try {
          mediaStarting.await().close();
        } catch (Exception | Error ignored) {
          // it failed to start: nothing to stop
        }
      }
      if (ownership != null) {
        ownership.stop();
      }
      if (vertx != null) {
        vertx.close().await();
      }
      if (embedded != null) {
        embedded.close();
      }
      lock.close();
      throw e;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  public PlenumConfig config() {
    return config;
  }

  /** The registered feature of this type (tests reach a feature's API through it). */
  public <F extends org.plenum.server.core.Feature> F feature(Class<F> type) {
    return live.features().all().stream().filter(type::isInstance).map(type::cast).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No feature " + type.getSimpleName() + " is registered"));
  }

  /** What the HTTP surface is built from (tests build a router from it to list the served routes). */
  public Surface surface() {
    return surface;
  }

  /** The meeting ledger (tests write to it directly). */
  public Ledger ledger() {
    return ledger;
  }

  /** The embedded database's supervisor (ST2), or null with an external database. */
  public EmbeddedSupervisor embeddedDatabase() {
    return embedded;
  }

  /** The live core with the registered features. */
  public LiveMeetings live() {
    return live;
  }

  /** What this node owns across the cluster (D42); in one-node mode, everything. */
  public org.plenum.server.core.cluster.Ownership ownership() {
    return ownership.ownership();
  }

  public boolean demoSeeded() {
    return demo;
  }

  public String url() {
    if (!config.http().publicUrl().isEmpty()) {
      return config.http().publicUrl();
    }
    String host = config.http().host().equals("0.0.0.0") ? "127.0.0.1" : config.http().host();
    return "http://" + host + ":" + port + "/";
  }

  @Override
  public void close() throws Exception {
    try {
      for (var feature : live.features().all()) {
        feature.close();
      }
      ownership.stop();
      vertx.close().await();
    } finally {
      try {
        if (embedded != null) {
          embedded.close();
        }
      } finally {
        lock.close();
      }
    }
  }
}
