package dev.lambdalogs.cli.command;

import dev.lambdalogs.cli.failure.Failure;
import dev.lambdalogs.cli.failure.Wording;
import dev.lambdalogs.cli.layer.Layer;
import dev.lambdalogs.cli.service.Aws;
import dev.lambdalogs.cli.service.Layers;
import dev.lambdalogs.contract.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "layer",
    mixinStandardHelpOptions = true,
    description = "Builds the Lambda layer zip, or publishes it.",
    subcommands = {LayerCommand.Build.class, LayerCommand.Publish.class})
public final class LayerCommand {

  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description =
          "Builds the layer zip from the extension this CLI bundles. The same extension always gives "
              + "the same bytes and the same SHA-256.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  lambdalogs layer build -o layer.zip",
        "  lambdalogs layer build --jre -o layer-jre.zip",
        "  lambdalogs layer build --jre --arch arm64 -o layer-jre-arm64.zip"
      })
  static final class Build implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Where to write the zip (default: ${DEFAULT-VALUE}).",
        defaultValue = "lambdalogs-layer.zip")
    Path output;

    @Option(
        names = "--jre",
        description =
            "The variant that carries its own Java runtime, for functions whose "
                + "runtime has no JVM of Java 17 or later.")
    boolean jre;

    @Option(
        names = "--arch",
        paramLabel = "ARCH",
        converter = Converters.Architecture.class,
        defaultValue = "x86_64",
        description =
            "x86_64 or arm64: the architecture of --jre's runtime (arm64: Amazon Linux 2023 runtimes). "
                + "Default: ${DEFAULT-VALUE}.")
    String arch;

    @Override
    public Integer call() throws Exception {
      Layer.Zip zip = Layer.build(jre ? Layer.Bundle.jreFor(arch) : Layer.Bundle.NONE);
      try {
        Files.write(output, zip.bytes());
      } catch (IOException e) {
        throw new Failure(
            "cannot write the layer to "
                + output
                + ": "
                + Wording.describe(e)
                + " (choose another path with -o FILE)");
      }
      spec.commandLine()
          .getOut()
          .printf("%s  %d bytes  sha256:%s%n", output, zip.bytes().length, zip.sha256());
      return 0;
    }
  }

  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description =
          "Publishes the layer in the region, unless a version with the same SHA-256 is there already "
              + "(install does this by itself), and prints the version's ARN.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  lambdalogs layer publish --region eu-west-1",
        "  lambdalogs layer publish --jre -o json"
      })
  static final class Publish implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin GlobalOptions global;

    @Option(
        names = "--jre",
        description = "The variant that carries its own Java runtime (x86_64).")
    boolean jre;

    @Override
    public Integer call() {
      try (Aws aws = new Aws(global.aws())) {
        Layers.Version version =
            new Layers(aws).ensure(jre ? Layers.Variant.JRE : Layers.Variant.PLAIN, aws.region());
        if (global.json()) {
          spec.commandLine()
              .getOut()
              .println(
                  Json.write(
                      Map.of("layerVersionArn", version.arn(), "published", version.published())));
        } else {
          spec.commandLine()
              .getOut()
              .println(
                  version.arn() + (version.published() ? "  (published)" : "  (already there)"));
        }
        return 0;
      }
    }
  }
}
