package org.plenum.server.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.DomainEvent;
import org.plenum.server.core.EventType;
import org.plenum.server.core.MeetingId;
import org.plenum.server.core.ledger.EventCodec;
import org.plenum.server.core.ledger.Ledger;
import org.plenum.server.testing.LiveClient;
import org.plenum.server.testing.TestServer;

/** Deny by default: an event type that no feature's projection admits reaches nobody, by any path. */
class DenyByDefaultIT {
  /** A type no feature registers: what a forgotten projection would look like. */
  @EventType("test.secret")
  record Secret(String secret) implements DomainEvent {}

  static TestServer server;
  static String meeting;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    String token = server.api().login("chair", TestServer.DEMO_PASSWORD);
    meeting = server.api().get("/api/meetings", token).json().getJsonArray("meetings").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("P7: every event type a feature can write (every DomainEvent record in the server) has a registered projection")
  void every_event_type_has_a_projection() {
    Set<String> writable = new TreeSet<>();
    for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.plenum.server")) {
      if (c.isRecord() && c.isAssignableTo(DomainEvent.class)) {
        writable.add(EventCodec.typeOf(c.reflect()));
      }
    }
    assertThat(writable).hasSizeGreaterThan(5);
    assertThat(server.app().live().features().eventTypes()).containsAll(writable);
  }

  @Test
  @DisplayName("P7: an unregistered event in the ledger reaches no socket live, none on resume, and no REST ledger page; the chain stays valid")
  void unregistered_event_reaches_nobody() throws Exception {
    try (LiveClient chair = LiveClient.signIn(server, meeting, "chair", TestServer.DEMO_PASSWORD);
         LiveClient delegate = LiveClient.signIn(server, meeting, "delegate1", TestServer.DEMO_PASSWORD)) {
      chair.connect();
      delegate.connect();
      long before = delegate.lastSeq();
      Ledger ledger = server.app().ledger();
      long secretSeq = ledger.write(MeetingId.parse(meeting), null, (tx, head) -> Future.succeededFuture(Ledger.Change.of(null, new Secret("only for nobody"))))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).lastSeq();
      JsonObject ack = chair.command("presentation.show", new JsonObject().put("document", "after-secret").put("page", 2));
      delegate.awaitSeq(ack.getLong("seq"), 10);
      chair.awaitSeq(ack.getLong("seq"), 10);
      List<JsonObject> all = List.copyOf(delegate.events);
      assertThat(all).noneMatch(e -> "test.secret".equals(e.getString("type")) || e.encode().contains("only for nobody"));
      assertThat(List.copyOf(chair.events)).noneMatch(e -> e.encode().contains("only for nobody"));

      try (LiveClient late = LiveClient.signIn(server, meeting, "chair", TestServer.DEMO_PASSWORD)) {
        late.open();
        JsonObject resumed = late.resume(before);
        assertThat(resumed.getString("mode")).isEqualTo("replay");
        late.awaitSeq(ack.getLong("seq"), 10);
        assertThat(List.copyOf(late.events)).noneMatch(e -> e.encode().contains("only for nobody"));
      }

      String token = chair.token();
      JsonObject page = server.api().get("/api/meetings/" + meeting + "/ledger?after=" + (secretSeq - 1) + "&limit=10", token).json();
      assertThat(page.encode()).doesNotContain("only for nobody").doesNotContain("test.secret");
      assertThat(page.getJsonArray("events").stream().map(o -> ((JsonObject) o).getLong("seq"))).contains(secretSeq + 1).doesNotContain(secretSeq);
      assertThat(server.api().get("/api/meetings/" + meeting + "/ledger/verify", token).json().getBoolean("valid")).isTrue();
    }
  }
}
