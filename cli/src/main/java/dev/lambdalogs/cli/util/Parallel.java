package dev.lambdalogs.cli.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;

/** Work over many functions at once, a bounded number at a time, results in the input's order. */
public final class Parallel {
  private Parallel() {}

  public static <T, R> List<R> map(List<T> items, int threads, Function<T, R> work) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> results = new ArrayList<>();
      for (Future<R> future : futures) {
        results.add(result(future));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Starts {@code work} on a thread of its own; the supplier returned waits for its result, or
   * throws what it threw. For requests to different services that need not wait for each other.
   */
  public static <R> Supplier<R> start(Supplier<R> work) {
    FutureTask<R> task = new FutureTask<>(work::get);
    Thread thread = new Thread(task, "lambdalogs-parallel");
    thread.setDaemon(true);
    thread.start();
    return () -> result(task);
  }

  private static <R> R result(Future<R> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
