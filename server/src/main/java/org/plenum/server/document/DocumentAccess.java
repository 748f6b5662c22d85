package org.plenum.server.document;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.plenum.server.core.Actor;
import org.plenum.server.core.FeatureApi;
import org.plenum.server.core.Role;
import org.plenum.server.core.error.PlenumException;
import org.plenum.server.core.ledger.Audience;

/**
 * Who may read a document. Rules (docs/protocol.md DA1–DA4):
 * DA1 EVERYONE: every participant of the meeting and administrators;
 * DA2 ROLES: the chair, the secretary, administrators and participants with one of the named roles;
 * DA3 PEOPLE: the chair, the secretary, administrators and the named people;
 * DA4 CONFIDENTIAL (tài liệu mật): the chair and the named people only — not the secretary, not administrators,
 * unless named. Every read path (REST, events, search, downloads, thumbnails) asks {@link #permits}.
 */
@FeatureApi
public record DocumentAccess(Kind kind, Set<Role> roles, Set<UUID> people) {
  public enum Kind { EVERYONE, ROLES, PEOPLE, CONFIDENTIAL }

  public DocumentAccess {
    roles = Set.copyOf(roles);
    people = Set.copyOf(people);
    if (kind == Kind.ROLES && roles.isEmpty()) {
      throw PlenumException.badMessage("Access ROLES needs at least one role in 'roles'.");
    }
    if ((kind == Kind.PEOPLE || kind == Kind.CONFIDENTIAL) && people.isEmpty()) {
      throw PlenumException.badMessage("Access " + kind + " needs at least one account id in 'people'.");
    }
    if (people.size() > 2000) {
      throw PlenumException.badMessage("At most 2000 people may be named.");
    }
  }

  public static DocumentAccess everyone() {
    return new DocumentAccess(Kind.EVERYONE, Set.of(), Set.of());
  }

  public boolean permits(Actor viewer) {
    if (people.contains(viewer.accountId())) {
      return true;
    }
    return switch (kind) {
      case EVERYONE -> viewer.admin() || viewer.role().isPresent();
      case ROLES -> viewer.runsMeeting() || viewer.role().map(roles::contains).orElse(false);
      case PEOPLE -> viewer.runsMeeting();
      case CONFIDENTIAL -> viewer.is(Role.CHAIR);
    };
  }

  /** The ledger audience with exactly the same members as {@link #permits}. */
  public Audience audience() {
    return kind == Kind.EVERYONE ? Audience.ALL : Audience.only(admitsAdmins(), roleNames(), people);
  }

  /** Everyone this access or {@code other} admits: who hears of a change from one to the other. */
  public Audience audienceWith(DocumentAccess other) {
    if (kind == Kind.EVERYONE || other.kind == Kind.EVERYONE) {
      return Audience.ALL;
    }
    Set<String> roleNames = new HashSet<>(roleNames());
    roleNames.addAll(other.roleNames());
    Set<UUID> all = new HashSet<>(people);
    all.addAll(other.people);
    return Audience.only(admitsAdmins() || other.admitsAdmins(), roleNames, all);
  }

  private boolean admitsAdmins() {
    return kind != Kind.CONFIDENTIAL;
  }

  /** Roles admitted as such (for kinds other than EVERYONE). */
  private Set<String> roleNames() {
    Set<String> r = new HashSet<>(List.of(Role.CHAIR.name()));
    if (kind != Kind.CONFIDENTIAL) {
      r.add(Role.SECRETARY.name());
    }
    if (kind == Kind.ROLES) {
      roles.forEach(x -> r.add(x.name()));
    }
    return r;
  }

  public static DocumentAccess fromJson(JsonObject a) {
    Set<Role> roles = new java.util.HashSet<>();
    a.getJsonArray("roles").forEach(r -> roles.add(Role.valueOf((String) r)));
    Set<UUID> people = new java.util.HashSet<>();
    a.getJsonArray("people").forEach(p -> people.add(UUID.fromString((String) p)));
    return new DocumentAccess(Kind.valueOf(a.getString("kind")), roles, people);
  }

  public JsonObject toJson() {
    return new JsonObject().put("kind", kind.name())
        .put("roles", new JsonArray(roles.stream().map(Enum::name).sorted().toList()))
        .put("people", new JsonArray(people.stream().map(UUID::toString).sorted().toList()));
  }
}
