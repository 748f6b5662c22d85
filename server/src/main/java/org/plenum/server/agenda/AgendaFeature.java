package org.plenum.server.agenda;

import org.plenum.server.core.Acks;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.http.JsonBodies;
import org.plenum.server.core.ledger.Ledger;

/** The agenda (chương trình họp): a numbered tree of items, internal items, the item under discussion. */
public final class AgendaFeature implements Feature {
  private final AgendaService agenda;

  public AgendaFeature(Ledger ledger) {
    this.agenda = new AgendaService(ledger, new PgAgendaStore());
  }

  /** The agenda as other features see it. */
  public Agenda api() {
    return agenda;
  }

  @Override
  public String name() {
    return "agenda";
  }

  @Override
  public void register(FeatureRegistry r) {
    r.command("agenda.add", AgendaCommands.Add.class, (c, a) -> Acks.written(agenda.add(c.actor(), c.meeting(),
        JsonBodies.uuid(a.parentId(), "parentId"), a.title().strip(), a.durationMinutes(), a.internal())));
    r.command("agenda.update", AgendaCommands.Update.class, (c, a) -> Acks.written(agenda.update(c.actor(), c.meeting(),
        JsonBodies.uuid(a.itemId(), "itemId"), new AgendaService.Edit(a.title() == null ? null : a.title().strip(), a.durationMinutes(),
            a.internal()))));
    r.command("agenda.move", AgendaCommands.Move.class, (c, a) -> Acks.written(agenda.move(c.actor(), c.meeting(),
        JsonBodies.uuid(a.itemId(), "itemId"), JsonBodies.uuid(a.parentId(), "parentId"), a.position())));
    r.command("agenda.remove", AgendaCommands.ItemRef.class, (c, a) ->
        Acks.written(agenda.remove(c.actor(), c.meeting(), JsonBodies.uuid(a.itemId(), "itemId"))));
    r.command("agenda.setCurrent", AgendaCommands.SetCurrent.class, (c, a) ->
        Acks.written(agenda.setCurrent(c.actor(), c.meeting(), JsonBodies.uuid(a.itemId(), "itemId"))));
    r.events(AgendaEvent.class, new AgendaProjection());
    r.snapshot("agenda", agenda::view);
    r.routes(new AgendaRoutes(agenda));
  }
}
