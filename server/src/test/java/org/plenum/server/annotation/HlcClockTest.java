package org.plenum.server.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.plenum.server.core.error.ErrorCode;
import org.plenum.server.core.error.PlenumException;

class HlcClockTest {
  private final AtomicLong wall = new AtomicLong(1_000_000);
  private final HlcClock clock = new HlcClock(wall::get, Duration.ofMinutes(2));

  @Test
  @DisplayName("AN1: readings follow the wall clock and never go backwards, even when the wall clock does")
  void monotonic() {
    Hlc first = clock.now();
    assertThat(first).isEqualTo(new Hlc(1_000_000, 0));
    assertThat(clock.now()).isEqualTo(new Hlc(1_000_000, 1));
    wall.set(999_000); // the device's clock was set back
    assertThat(clock.now()).isEqualTo(new Hlc(1_000_000, 2));
    wall.set(1_000_005);
    assertThat(clock.now()).isEqualTo(new Hlc(1_000_005, 0));
  }

  @Test
  @DisplayName("AN1: after receiving a reading from a device ahead, local readings come after it")
  void receive_moves_past_remote() {
    Hlc remote = new Hlc(1_060_000, 7); // one minute ahead: allowed
    assertThat(clock.receive(remote)).isEqualTo(new Hlc(1_060_000, 8));
    assertThat(clock.now()).isEqualTo(new Hlc(1_060_000, 9));
    assertThat(clock.receive(new Hlc(5, 0))).isEqualTo(new Hlc(1_060_000, 10));
  }

  @Test
  @DisplayName("AN1, AN9: a reading further ahead than the limit is STALE_CLOCK and does not move the clock")
  void far_future_is_refused() {
    clock.now();
    assertThatThrownBy(() -> clock.receive(new Hlc(1_000_000 + 121_000, 0)))
        .isInstanceOfSatisfying(PlenumException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_CLOCK));
    assertThat(clock.last()).isEqualTo(new Hlc(1_000_000, 0));
  }

  @Test
  @DisplayName("AN1: a full counter moves on to the next millisecond instead of wrapping")
  void counter_overflow() {
    assertThat(clock.receive(new Hlc(1_000_000, Hlc.MAX_COUNTER))).isEqualTo(new Hlc(1_000_001, 0));
    assertThat(clock.now()).isEqualTo(new Hlc(1_000_001, 1));
  }

  @Test
  @DisplayName("AN1: negative or oversized readings are BAD_MESSAGE")
  void bad_readings() {
    assertThatThrownBy(() -> new Hlc(-1, 0)).isInstanceOf(PlenumException.class);
    assertThatThrownBy(() -> new Hlc(0, Hlc.MAX_COUNTER + 1)).isInstanceOf(PlenumException.class);
    assertThatThrownBy(() -> new DeviceId("tablet 1")).isInstanceOf(PlenumException.class);
  }
}
