package org.plenum.server.vote;

import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Set;
import org.plenum.server.core.cluster.Ownership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clocks of timed polls across a cluster (protocol CL3, D42): the node that owns {@link #DUTY} looks for open
 * timed polls every {@link #SWEEP_MS} and arms a clock for each it has not armed yet, so a poll opened through any
 * node — or whose owner died — closes at its time (an overdue poll at once). The node that opened the poll keeps
 * its own clock too (VT8); whichever close commits first wins, the other is {@code POLL_NOT_OPEN} and ignored.
 * In one-node mode this node owns the duty.
 */
final class PollTimers {
  static final String DUTY = "vote.poll-timers";
  static final long SWEEP_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(PollTimers.class);

  private final Vertx vertx;
  private final PollService polls;
  private final Ownership ownership;
  /** Polls this node has armed a clock for (kept until the poll is no longer open). */
  private final Set<PollId> armed = new HashSet<>();
  private long timer = -1;
  private boolean sweeping;

  PollTimers(Vertx vertx, PollService polls, Ownership ownership) {
    this.vertx = vertx;
    this.polls = polls;
    this.ownership = ownership;
  }

  void start() {
    timer = vertx.setPeriodic(SWEEP_MS, t -> sweep());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void sweep() {
    if (sweeping || !ownership.owns(DUTY)) {
      return;
    }
    sweeping = true;
    polls.openTimed().onComplete(ar -> {
      sweeping = false;
      if (ar.failed()) {
        LOG.warn("Looking for timed polls failed: {}", ar.cause().toString());
        return;
      }
      Set<PollId> open = new HashSet<>();
      for (PollStore.Stored s : ar.result()) {
        open.add(s.poll().id());
        if (armed.add(s.poll().id())) {
          polls.schedule(s.meeting(), s.poll().id(), s.closesAt().toString());
        }
      }
      armed.retainAll(open);
    });
  }
}
