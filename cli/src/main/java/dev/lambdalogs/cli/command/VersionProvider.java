package dev.lambdalogs.cli.command;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"lambdalogs " + (version == null ? "(development build)" : version)};
  }
}
