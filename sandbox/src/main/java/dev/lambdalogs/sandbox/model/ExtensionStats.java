package dev.lambdalogs.sandbox.model;

/**
 * What one extension process cost, read from /proc.
 *
 * @param executable the program the process runs (after the launcher's exec: the JVM)
 * @param initMs from its start to its first event/next
 */
public record ExtensionStats(
    String name, String executable, long initMs, long initCpuMs, long cpuMs, long peakRssKb) {}
