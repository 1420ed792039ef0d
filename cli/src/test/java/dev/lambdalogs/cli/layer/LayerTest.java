package dev.lambdalogs.cli.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerTest {
  @Test
  void theSameExtensionGivesTheSameBytesInAnyTimeZone() throws Exception {
    TimeZone saved = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      Layer.Zip utc = Layer.build(Layer.Bundle.NONE);
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      Layer.Zip chatham = Layer.build(Layer.Bundle.NONE);
      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      assertThat(Layer.build(Layer.Bundle.NONE).sha256()).isEqualTo(utc.sha256());
      assertThat(chatham.sha256())
          .isEqualTo(utc.sha256())
          .hasSize(64)
          .isEqualTo(Layer.sha256(utc.bytes()));
      assertThat(java.util.Arrays.equals(chatham.bytes(), utc.bytes())).isTrue();
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void entriesAreSortedWithFixedTimesAndUnixModes() throws Exception {
    List<ZipArchiveEntry> entries;
    try (ZipFile zip =
        ZipFile.builder()
            .setSeekableByteChannel(
                new SeekableInMemoryByteChannel(Layer.build(Layer.Bundle.NONE).bytes()))
            .get()) {
      entries = Collections.list(zip.getEntriesInPhysicalOrder());
    }
    List<String> names = entries.stream().map(ZipArchiveEntry::getName).toList();
    assertThat(names).containsExactly("extensions/", Layer.LAUNCHER, "lambdalogs/", Layer.JAR);
    assertThat(new ArrayList<>(names)).isSorted();
    assertThat(entries.get(1).getUnixMode()).isEqualTo(0100755);
    assertThat(entries.get(3).getUnixMode()).isEqualTo(0100644);
    assertThat(entries).extracting(ZipArchiveEntry::getTime).containsOnly(entries.get(0).getTime());
  }

  @Test
  void theExtensionsJarHoldsItsClassesAndTheContractsOnly(@TempDir Path dir) throws Exception {
    Layer.unzip(Layer.build(Layer.Bundle.NONE).bytes(), dir);
    List<String> names;
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(dir.resolve(Layer.JAR).toFile())) {
      names =
          jar.stream().map(java.util.jar.JarEntry::getName).filter(n -> !n.endsWith("/")).toList();
    }
    assertThat(names)
        .contains(
            "dev/lambdalogs/extension/Main.class",
            "dev/lambdalogs/contract/archive/ArchiveLayout.class")
        .allMatch(
            n ->
                n.equals("META-INF/MANIFEST.MF")
                    || n.startsWith("dev/lambdalogs/extension/")
                    || n.startsWith("dev/lambdalogs/contract/"));
  }

  @Test
  void unzipKeepsTheLaunchersMode(@TempDir Path dir) throws Exception {
    Layer.unzip(Layer.build(Layer.Bundle.NONE).bytes(), dir);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(Layer.LAUNCHER))))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(Layer.JAR))))
        .isEqualTo("rw-r--r--");
    assertThat(Files.readString(dir.resolve(Layer.LAUNCHER))).startsWith("#!/bin/sh");
  }

  @Test
  void theJreVariantCarriesAnExecutableRuntime(@TempDir Path dir) throws Exception {
    Layer.Zip jre = Layer.build(Layer.Bundle.JRE_X86_64);
    assertThat(jre.sha256())
        .isNotEqualTo(Layer.build(Layer.Bundle.NONE).sha256())
        .isEqualTo(Layer.build(Layer.Bundle.JRE_X86_64).sha256());
    Layer.unzip(jre.bytes(), dir);
    Path java = dir.resolve(Layer.JRE + "bin/java");
    assertThat(Files.isExecutable(java)).isTrue();
    assertThat(dir.resolve(Layer.JRE + "lib/server/classes.jsa"))
        .as("the CDS archive")
        .isRegularFile();
    Process version =
        new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
    assertThat(new String(version.getInputStream().readAllBytes()))
        .contains("Temurin")
        .contains("25");
    assertThat(version.waitFor()).isZero();
  }
}
