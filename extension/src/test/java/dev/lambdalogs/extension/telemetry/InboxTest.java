package dev.lambdalogs.extension.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InboxTest {
  @Test
  void aFullInboxHoldsTheAnswerBackUntilADeliveryIsTaken() throws Exception {
    Inbox inbox = new Inbox(10);
    inbox.put(new byte[6], 6);
    CountDownLatch putDone = new CountDownLatch(1);
    Thread platform =
        new Thread(
            () -> {
              try {
                inbox.put(new byte[6], 6); // 12 bytes would pass the bound of 10
                putDone.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    platform.start();
    try {
      assertThat(putDone.await(200, TimeUnit.MILLISECONDS))
          .as("waits while the inbox is full")
          .isFalse();
      assertThat(inbox.take().length()).isEqualTo(6);
      assertThat(putDone.await(10, TimeUnit.SECONDS)).as("goes on once there is room").isTrue();
    } finally {
      platform.interrupt();
      platform.join();
    }
  }

  @Test
  void aDeliveryLargerThanTheBoundIsTakenAlone() throws Exception {
    Inbox inbox = new Inbox(10);
    inbox.put(new byte[50], 50);
    assertThat(inbox.take().length()).isEqualTo(50);
  }

  @Test
  void anArrayHandedBackIsUsedAgainAndOnlyThen() {
    Inbox inbox = new Inbox(100);
    byte[] first = inbox.buffer(10);
    assertThat(inbox.buffer(10)).as("not handed back yet").isNotSameAs(first);
    inbox.handBack(first);
    assertThat(inbox.buffer(10)).isSameAs(first);
    inbox.handBack(first);
    assertThat(inbox.buffer(first.length + 1))
        .as("too small for this delivery")
        .hasSize(first.length + 1);
  }

  @Test
  void idleOnlyWhenNothingWaitsAndTheLastTakenHasBeenRead() throws Exception {
    Inbox inbox = new Inbox(100);
    assertThat(inbox.isIdle()).isTrue();
    inbox.put(new byte[1], 1);
    assertThat(inbox.isIdle()).as("one waiting").isFalse();
    inbox.take();
    assertThat(inbox.isIdle()).as("one being read").isFalse();
    Thread reader =
        new Thread(
            () -> {
              try {
                inbox.take(); // asking for the next says the last one is read
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    reader.start();
    try {
      long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!inbox.isIdle() && System.nanoTime() < giveUp) {
        Thread.sleep(1);
      }
      assertThat(inbox.isIdle()).isTrue();
    } finally {
      reader.interrupt();
      reader.join();
    }
  }
}
