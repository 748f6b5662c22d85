package org.plenum.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/** The whole configuration, parsed once at start-up into immutable records (one per area). */
public record PlenumConfig(
    HttpConfig http, DataConfig data, DbConfig db, AuthConfig auth, WsConfig ws, SpeakerConfig speaker, VotesConfig votes,
    DocumentsConfig documents, AdminConfig admin, DemoConfig demo, LogConfig log, RoomsConfig rooms, TurnConfig turn, MediaConfig media,
    AnnotationsConfig annotations, MinutesConfig minutes, OidcConfig oidc, ClusterConfig cluster) {

  /** {@code allowedOrigins}: besides the server's own origin, the browser origins whose pages may open its WebSockets (W1). */
  public record HttpConfig(String host, int port, String publicUrl, int maxBodyBytes, boolean trustForwardedFor, java.util.List<String> allowedOrigins,
                           int eventLoops) {
    /** How many HTTP verticles (event loops) serve: {@code http.event_loops}, or one per available processor when 0. */
    public int verticles() {
      return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }
  }

  public record DataConfig(Path dir) {}

  /**
   * {@code url} empty means: start the embedded PostgreSQL under the data folder, and restart it when it dies under the
   * running server (ST2): looked at every {@code embeddedCheckInterval}, at most {@code embeddedRestartAttempts} tries
   * per outage (0: never), waiting from {@code embeddedRestartBackoff} doubling up to {@code embeddedRestartBackoffMax}.
   */
  public record DbConfig(String url, String user, String password, int poolSize, Duration connectTimeout,
                         Duration readyTimeout, int embeddedPort, Duration embeddedCheckInterval, int embeddedRestartAttempts,
                         Duration embeddedRestartBackoff, Duration embeddedRestartBackoffMax, String embeddedCacheDir) {
    public boolean embedded() {
      return url.isEmpty();
    }

    @Override
    public String toString() {
      return "DbConfig[url=" + url + ", user=" + user + ", password=***, poolSize=" + poolSize + "]";
    }
  }

  /**
   * Sign-in (AU9–AU12): failures within {@code loginWindow} are limited per account name (from every address), per
   * (address, account name), and per address with a much higher ceiling, so that one person's typing behind a hall's
   * shared NAT address locks out only their own account; WebSocket tickets are limited per account and minute.
   */
  public record AuthConfig(String issuer, Duration accessTokenTtl, Duration refreshTokenTtl, Duration ticketTtl,
                           Duration loginWindow, int loginMaxFailuresPerAccount, int loginMaxFailuresPerAddress,
                           int passwordMinLength, int loginMaxFailuresPerAddressAccount, int ticketsPerMinute) {}

  /**
   * The meeting WebSocket. Messages over {@code maxMessageBytes} get PAYLOAD_TOO_LARGE; frames over
   * {@code maxFrameBytes} close the socket (1009). {@code echoEnabled} mounts /ws/echo for conformance tests only.
   */
  public record WsConfig(int maxMessageBytes, int maxFrameBytes, int ratePerSecond, int rateBurst, Duration heartbeatInterval,
                         Duration heartbeatTimeout, int writeQueueMaxBytes, Duration slowConsumerGrace, int resumeMaxEvents,
                         Duration presenceInterval, boolean echoEnabled, int presenceFullMax, Duration presenceCountInterval,
                         Duration presencePeerTimeout) {}

  public record SpeakerConfig(Duration defaultTimeLimit) {}

  /**
   * Votes: how many absent members' proxies one present member may carry (0 turns proxies off); the file holding the
   * master key that seals secret polls' ballot keys (empty: {@code <data.dir>/keys/ballot-master.key}, created on first
   * start; never in the database, D24); how many unit entries a weighted secret poll may publish at most.
   */
  public record VotesConfig(int maxProxiesPerVoter, String ballotKeyFile, int secretMaxUnitEntries) {
    public VotesConfig(int maxProxiesPerVoter) {
      this(maxProxiesPerVoter, "", 10_000);
    }
  }

  /**
   * Meeting documents: upload limit, PDF validation budget (time, PDFBox main memory, page count), storage chunk
   * size, PDF worker threads, the trusted CA certificates for signature checks (empty: none trusted), thumbnail width.
   */
  /**
   * {@code allowEmbeddedFiles}: files carried inside uploaded PDFs are kept (flagged) instead of removed (DU6);
   * {@code maxTitleChars}, {@code maxNoteChars}: the longest title and change note an upload may carry (DU8).
   */
  public record DocumentsConfig(long maxUploadBytes, int maxPages, Duration validationTimeout, long validationMemoryBytes, int chunkBytes,
                                int pdfWorkers, String trustStore, int thumbnailWidth, boolean allowEmbeddedFiles, int maxTitleChars,
                                int maxNoteChars, boolean fetchRevocation, String cacheDir, long cacheMaxBytes) {
    /** The folder of the document cache on local disk (D40): {@code documents.cache_dir}, or {@code <data>/cache}. */
    public Path cacheFolder(Path dataDir) {
      return cacheDir.isEmpty() ? dataDir.resolve("cache") : Path.of(cacheDir).toAbsolutePath().normalize();
    }

    /**
     * Room the HTTP server keeps for request headers: 8 KiB for the usual ones plus the upload's title and note,
     * percent-encoded (up to 12 characters per character: 4 UTF-8 bytes as %XX each), so a title or note within its
     * limit always arrives and one over it gets the JSON error of DU8, not a refused request.
     */
    public int maxHeaderBytes() {
      return 8192 + 12 * (maxTitleChars + maxNoteChars + 256);
    }
  }

  public record AdminConfig(String username, String initialPassword) {
    @Override
    public String toString() {
      return "AdminConfig[username=" + username + ", initialPassword=***]";
    }
  }

  public enum DemoSeed { AUTO, ALWAYS, NEVER }

  public record DemoConfig(DemoSeed seed, String password) {}

  public record LogConfig(String level) {}

  /** One Janus bridge of {@code media.bridges}. */
  public record BridgeEntry(String name, String wsUrl, String adminUrl) {}

  /**
   * Media (video bridges): the pool (empty = autostart a local Janus if allowed and installed, else no media),
   * their secrets, the settings of an autostarted Janus, deadlines and the floor policy.
   */
  public record MediaConfig(boolean janusAutostart, java.util.List<BridgeEntry> bridges, String apiSecret, String adminSecret,
                            String janusBindIp, String iceEnforceList, String rtpPortRange, Duration requestTimeout,
                            Duration sampleInterval, boolean floorMuteOthers, int roomMaxSubscribers,
                            java.util.List<String> endpointAllowedOrigins) {
    @Override
    public String toString() {
      return "MediaConfig[janusAutostart=" + janusAutostart + ", bridges=" + bridges + ", secrets=***, floorMuteOthers=" + floorMuteOthers + "]";
    }
  }

  private static final Pattern DB_URL = Pattern.compile("^$|^(jdbc:)?postgres(ql)?://[^\\s]+$");
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{2,64}");
  private static final Pattern LEVEL = Pattern.compile("(?i)TRACE|DEBUG|INFO|WARN|ERROR|OFF");

  public static PlenumConfig load(Map<String, String> env) {
    return from(Settings.load(env));
  }

  /** PLENUM_* variables in {@code env} that name no configuration key. */
  public static java.util.List<String> unknownVariables(Map<String, String> env) {
    return Settings.load(env).unknownVariables();
  }

  public static PlenumConfig from(Settings s) {
    Duration second = Duration.ofSeconds(1);
    var http = new HttpConfig(
        s.string("http.host"),
        s.integer("http.port", 0, 65535),
        s.string("http.public_url"),
        s.integer("http.max_body_bytes", 1024, 64 * 1024 * 1024),
        s.bool("http.trust_forwarded_for"),
        s.list("http.allowed_origins"),
        s.integer("http.event_loops", 0, 256));
    if (!http.publicUrl().isEmpty()) {
      try {
        URI u = URI.create(http.publicUrl());
        if (u.getScheme() == null || u.getHost() == null) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        s.matching("http.public_url", Pattern.compile("https?://[^\\s/]+.*"), "an absolute http(s) URL");
      }
    }
    var data = new DataConfig(Path.of(s.string("data.dir")).toAbsolutePath().normalize());
    var db = new DbConfig(
        s.matching("db.url", DB_URL, "empty (embedded PostgreSQL) or a URL such as postgresql://host:5432/plenum"),
        s.string("db.user"),
        s.secret("db.password"),
        s.integer("db.pool_size", 1, 512),
        s.duration("db.connect_timeout", Duration.ofMillis(100), Duration.ofMinutes(5)),
        s.duration("db.ready_timeout", Duration.ofMillis(100), Duration.ofMinutes(1)),
        s.integer("db.embedded_port", 0, 65535),
        s.duration("db.embedded_check_interval", Duration.ofMillis(100), Duration.ofMinutes(1)),
        s.integer("db.embedded_restart_attempts", 0, 1000),
        s.duration("db.embedded_restart_backoff", Duration.ofMillis(100), Duration.ofMinutes(5)),
        s.duration("db.embedded_restart_backoff_max", Duration.ofMillis(100), Duration.ofMinutes(30)),
        s.string("db.embedded_cache_dir"));
    if (db.embeddedRestartBackoffMax().compareTo(db.embeddedRestartBackoff()) < 0) {
      throw new ConfigException("db.embedded_restart_backoff_max (" + db.embeddedRestartBackoffMax() + ", PLENUM_DB_EMBEDDED_RESTART_BACKOFF_MAX) "
          + "must be at least db.embedded_restart_backoff (" + db.embeddedRestartBackoff() + ", PLENUM_DB_EMBEDDED_RESTART_BACKOFF)");
    }
    var auth = new AuthConfig(
        s.string("auth.issuer"),
        s.duration("auth.access_token_ttl", Duration.ofSeconds(10), Duration.ofHours(24)),
        s.duration("auth.refresh_token_ttl", Duration.ofMinutes(1), Duration.ofDays(90)),
        s.duration("auth.ticket_ttl", second, Duration.ofMinutes(10)),
        s.duration("auth.login_window", second, Duration.ofDays(1)),
        s.integer("auth.login_max_failures_per_account", 1, 1000),
        s.integer("auth.login_max_failures_per_address", 1, 100000),
        s.integer("auth.password_min_length", 8, 128),
        s.integer("auth.login_max_failures_per_address_account", 1, 1000),
        s.integer("auth.tickets_per_minute", 1, 100000));
    var ws = new WsConfig(
        s.integer("ws.max_message_bytes", 1024, 16 * 1024 * 1024),
        s.integer("ws.max_frame_bytes", 1024, 64 * 1024 * 1024),
        s.integer("ws.rate_per_second", 1, 100000),
        s.integer("ws.rate_burst", 1, 1000000),
        s.duration("ws.heartbeat_interval", Duration.ofMillis(100), Duration.ofMinutes(10)),
        s.duration("ws.heartbeat_timeout", Duration.ofMillis(200), Duration.ofMinutes(30)),
        s.integer("ws.write_queue_max_bytes", 1024, 256 * 1024 * 1024),
        s.duration("ws.slow_consumer_grace", Duration.ofMillis(10), Duration.ofMinutes(10)),
        s.integer("ws.resume_max_events", 0, 1_000_000),
        s.duration("ws.presence_interval", Duration.ofMillis(10), Duration.ofMinutes(1)),
        s.bool("ws.echo_enabled"),
        s.integer("ws.presence_full_max", 0, 1_000_000),
        s.duration("ws.presence_count_interval", Duration.ofMillis(10), Duration.ofMinutes(10)),
        s.duration("ws.presence_peer_timeout", Duration.ofMillis(300), Duration.ofHours(1)));
    if (ws.maxFrameBytes() < ws.maxMessageBytes()) {
      throw new ConfigException("ws.max_frame_bytes (" + ws.maxFrameBytes() + ", PLENUM_WS_MAX_FRAME_BYTES) must be at least ws.max_message_bytes ("
          + ws.maxMessageBytes() + ", PLENUM_WS_MAX_MESSAGE_BYTES)");
    }
    var speaker = new SpeakerConfig(s.duration("speaker.default_time_limit", Duration.ofSeconds(10), Duration.ofHours(4)));
    var votes = new VotesConfig(s.integer("votes.max_proxies_per_voter", 0, 100), s.string("votes.ballot_key_file"),
        s.integer("votes.secret_max_unit_entries", 1, 10_000_000));
    var documents = new DocumentsConfig(
        s.longValue("documents.max_upload_bytes", 1024, 10L * 1024 * 1024 * 1024),
        s.integer("documents.max_pages", 1, 1_000_000),
        s.duration("documents.validation_timeout", Duration.ofSeconds(1), Duration.ofHours(1)),
        s.longValue("documents.validation_memory_bytes", 1024 * 1024, 16L * 1024 * 1024 * 1024),
        s.integer("documents.chunk_bytes", 64 * 1024, 64 * 1024 * 1024),
        s.integer("documents.pdf_workers", 1, 64),
        s.string("documents.trust_store"),
        s.integer("documents.thumbnail_width", 16, 1024),
        s.bool("documents.allow_embedded_files"),
        s.integer("documents.max_title_chars", 10, 2000),
        s.integer("documents.max_note_chars", 10, 20000),
        s.bool("documents.fetch_revocation"),
        s.string("documents.cache_dir"),
        s.longValue("documents.cache_max_bytes", 1024L * 1024, 1L << 50));
    var admin = new AdminConfig(
        s.matching("admin.username", USERNAME, "2-64 letters, digits, '.', '_' or '-'"),
        s.secret("admin.initial_password"));
    var demo = new DemoConfig(s.enumValue("demo.seed", DemoSeed.class), s.secret("demo.password"));
    var log = new LogConfig(s.matching("log.level", LEVEL, "one of TRACE, DEBUG, INFO, WARN, ERROR, OFF").toUpperCase());
    var media = new MediaConfig(
        s.bool("media.janus_autostart"),
        bridges(s.matching("media.bridges", BRIDGES, "empty or name=ws_url|admin_url entries separated by commas")),
        s.secret("media.api_secret"),
        s.secret("media.admin_secret"),
        s.matching("media.janus_bind_ip", Pattern.compile("[0-9a-fA-F.:]{2,45}"), "an IP address such as 127.0.0.1"),
        s.matching("media.ice_enforce_list", Pattern.compile("[A-Za-z0-9_.:,-]*"), "interface names or addresses separated by commas"),
        s.matching("media.rtp_port_range", Pattern.compile("\\d{1,5}-\\d{1,5}"), "min-max, e.g. 20000-40000"),
        s.duration("media.request_timeout", Duration.ofMillis(100), Duration.ofMinutes(1)),
        s.duration("media.sample_interval", Duration.ofMillis(100), Duration.ofMinutes(10)),
        s.bool("media.floor_mute_others"),
        s.integer("media.room_max_subscribers", 1, 100_000),
        s.list("media.endpoint_allowed_origins"));
    return new PlenumConfig(http, data, db, auth, ws, speaker, votes, documents, admin, demo, log, RoomsConfig.from(s), TurnConfig.from(s), media,
        AnnotationsConfig.from(s), MinutesConfig.from(s), OidcConfig.from(s, http.publicUrl()), ClusterConfig.from(s));
  }

  private static final Pattern BRIDGES = Pattern.compile("^$|^([A-Za-z0-9_-]+=wss?://[^|,\\s]+\\|https?://[^|,\\s]+)(,[A-Za-z0-9_-]+=wss?://[^|,\\s]+\\|https?://[^|,\\s]+)*$");

  private static java.util.List<BridgeEntry> bridges(String value) {
    java.util.List<BridgeEntry> out = new java.util.ArrayList<>();
    if (value.isEmpty()) {
      return out;
    }
    for (String entry : value.split(",")) {
      String[] nameRest = entry.split("=", 2);
      String[] urls = nameRest[1].split("\\|", 2);
      out.add(new BridgeEntry(nameRest[0], urls[0], urls[1]));
    }
    if (out.stream().map(BridgeEntry::name).distinct().count() != out.size()) {
      throw new ConfigException("Invalid value for media.bridges (environment variable PLENUM_MEDIA_BRIDGES): bridge names must be unique");
    }
    return java.util.List.copyOf(out);
  }
}
