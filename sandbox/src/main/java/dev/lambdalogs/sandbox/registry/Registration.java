package dev.lambdalogs.sandbox.registry;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An extension as the Extensions API knows it, from its register call on. Guarded by the registry.
 */
final class Registration {
  final String id = UUID.randomUUID().toString();
  final String name;
  final Set<String> events;
  final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();
  int nextCalls;
  int dispatched;
  long handedNanos;
  long backNanos;

  Registration(String name, Set<String> events) {
    this.name = name;
    this.events = events;
  }

  /** True while it waits in event/next for an event not yet sent. */
  boolean waiting() {
    return nextCalls > dispatched;
  }
}
