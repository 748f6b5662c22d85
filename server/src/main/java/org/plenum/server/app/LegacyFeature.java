package org.plenum.server.app;

import java.util.Set;
import org.plenum.server.core.Feature;
import org.plenum.server.core.FeatureRegistry;
import org.plenum.server.core.NoFields;
import org.plenum.server.core.db.Pg;
import org.plenum.server.core.live.Features;

/** Transitional: everything not yet in a feature folder, registered through the feature SPI. */
final class LegacyFeature implements Feature {
  private final Services s;

  LegacyFeature(Services s) {
    this.s = s;
  }

  @Override
  public String name() {
    return "legacy";
  }

  @Override
  public void register(FeatureRegistry r) {
    var media = s.media();
    r.command("media.publish", org.plenum.server.media.MediaCommands.Publish.class, media::publish);
    r.command("media.subscribe", org.plenum.server.media.MediaCommands.Subscribe.class, media::subscribe);
    r.command("media.answer", org.plenum.server.media.MediaCommands.Answer.class, media::answer);
    r.command("media.candidate", org.plenum.server.media.MediaCommands.Candidate.class, media::candidate);
    r.command("media.leave", org.plenum.server.media.MediaCommands.Leave.class, media::leave);
    r.command("media.state", NoFields.class, (c, a) -> media.state(c));

    ((Features) r).rawEvents(Set.of("media.floor", "media.status"), new LegacyProjection());

    r.routes(new org.plenum.server.http.LegacyRoutes(s));
  }

  @Override
  public void close() {
    s.media().close();
  }
}
