package dev.lambdalogs.cli.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a command is doing (said as progress, from its first second) and what it has changed so far
 * (said when it is interrupted, so that nobody has to guess what a stopped run left behind).
 */
public final class Journal {
  private final Consumer<String> progress;
  private final Set<String> changed = Collections.synchronizedSet(new LinkedHashSet<>());

  /**
   * @param progress where steps are said (stderr, or nowhere with -q)
   */
  public Journal(Consumer<String> progress) {
    this.progress = progress;
  }

  public void step(String what) {
    progress.accept(what);
  }

  /** A change made, in words: "granted greeter_fn"; said once however often it is recorded. */
  public void changed(String what) {
    changed.add(what);
  }

  public List<String> changes() {
    synchronized (changed) {
      return new ArrayList<>(changed);
    }
  }
}
