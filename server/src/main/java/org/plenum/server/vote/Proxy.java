package org.plenum.server.vote;

import java.util.UUID;
import org.plenum.server.core.error.PlenumException;

/** Ủy quyền: the absent member {@code from} lets the present member {@code to} cast their ballot (rule E4). */
public record Proxy(UUID from, UUID to) {
  public Proxy {
    if (from == null || to == null) {
      throw PlenumException.badMessage("A proxy needs both the member giving it and the member holding it.");
    }
  }
}
