package org.plenum.server.core.cluster;

/**
 * Who does, across the nodes of a cluster, what must happen exactly once (protocol CL3, D42): closing timed polls
 * and the like. A feature asks {@link #owns} each time before it acts; the answer can change at any moment (the
 * owner died and another node took over), so an owner's work must be safe to repeat — the database transaction
 * that does it is the final word (a second close of a poll is {@code POLL_NOT_OPEN}).
 */
public interface Ownership {
  /** True while this node holds {@code duty}. */
  boolean owns(String duty);

  /** This node's id in the cluster (a random id per start). */
  String node();

  /** One node: it owns every duty. */
  static Ownership single(String node) {
    return new Ownership() {
      @Override
      public boolean owns(String duty) {
        return true;
      }

      @Override
      public String node() {
        return node;
      }
    };
  }
}
