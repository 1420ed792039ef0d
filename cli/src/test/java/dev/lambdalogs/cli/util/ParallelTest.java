package dev.lambdalogs.cli.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void mapKeepsTheInputsOrder() {
    assertThat(Parallel.map(List.of(3, 1, 2), 3, n -> "f" + n)).containsExactly("f3", "f1", "f2");
  }

  @Test
  void startedWorkRunsWhileTheCallerDoesItsOwn() throws Exception {
    CountDownLatch callerWorked = new CountDownLatch(1);
    Supplier<String> started =
        Parallel.start(
            () -> {
              try {
                callerWorked.await(); // would wait for ever if it ran on the caller's thread
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return "grant checked";
            });
    callerWorked.countDown();
    assertThat(started.get()).isEqualTo("grant checked");
  }

  @Test
  void aFailureReachesTheCallerAsItWasThrown() {
    IllegalArgumentException thrown =
        new IllegalArgumentException("iam:GetRolePolicy on role r failed");
    Supplier<String> started =
        Parallel.start(
            () -> {
              throw thrown;
            });
    assertThatThrownBy(started::get).isSameAs(thrown);
    assertThatThrownBy(
            () ->
                Parallel.map(
                    List.of(1),
                    1,
                    n -> {
                      throw thrown;
                    }))
        .isSameAs(thrown);
  }
}
