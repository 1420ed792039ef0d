package dev.lambdalogs.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.cli.service.Layers.Variant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimesTest {
  @ParameterizedTest(name = "{0} on {1}: {2}")
  @CsvSource({
    "java25, arm64, PLAIN",
    "java21, x86_64, PLAIN",
    "java17, arm64, PLAIN",
    "java11, x86_64, JRE",
    "java8.al2, x86_64, JRE",
    "python3.14, x86_64, JRE",
    "nodejs24.x, x86_64, JRE",
    "dotnet10, x86_64, JRE",
    "ruby4.0, x86_64, JRE",
    "provided.al2023, x86_64, JRE",
    "provided.al2, x86_64, JRE",
    "python3.12, arm64, JRE_ARM64",
    "nodejs22.x, arm64, JRE_ARM64",
    "dotnet8, arm64, JRE_ARM64",
    "ruby3.3, arm64, JRE_ARM64",
    "provided.al2023, arm64, JRE_ARM64"
  })
  void eachKnownRuntimeGetsItsVariantWithoutAWarning(
      String runtime, String architecture, Variant variant) {
    Layers.Choice choice = Layers.choose(runtime, architecture);
    assertThat(choice.variant()).isEqualTo(variant);
    assertThat(choice.refusal()).isNull();
    assertThat(choice.warning()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"python3.11", "python3.10", "java11", "java8.al2", "provided.al2"})
  void anAmazonLinux2RuntimeWithoutJava17OnArm64IsRefusedWithWhyAndWhatToDo(String runtime) {
    Layers.Choice choice = Layers.choose(runtime, "arm64");
    assertThat(choice.variant()).isNull();
    assertThat(choice.refusal())
        .startsWith(runtime + " on arm64 runs on Amazon Linux 2, whose glibc (2.26)")
        .contains("Move the function to a current runtime", "or to x86_64");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "java27      | x86_64 | PLAIN | taken as java 27 on Amazon Linux 2023",
        "python3.15  | x86_64 | JRE   | taken as python on Amazon Linux 2023",
        "nodejs26.x  | x86_64 | JRE   | taken as nodejs on Amazon Linux 2023",
        "cobol1      | x86_64 | JRE   | is unknown to this lambdalogs: taken as one without Java 17+"
      })
  void anUnseenNameIsReadByItsFamilyWithAWarning(
      String runtime, String architecture, Variant variant, String warning) {
    Layers.Choice choice = Layers.choose(runtime, architecture);
    assertThat(choice.variant()).isEqualTo(variant);
    assertThat(choice.warning()).contains(warning);
  }

  @ParameterizedTest
  @CsvSource({"PLAIN", "JRE", "JRE_ARM64"})
  void aPublishedVersionListsAtMostFifteenRuntimesItServes(Variant variant) {
    assertThat(variant.runtimes)
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(15)
        .allSatisfy(
            r ->
                assertThat(Runtimes.read(r).runtime().runsTheExtension())
                    .isEqualTo(variant == Variant.PLAIN));
    if (variant == Variant.JRE_ARM64) {
      assertThat(variant.runtimes)
          .allSatisfy(r -> assertThat(Runtimes.read(r).runtime().amazonLinux()).isEqualTo("al2023"))
          .contains("python3.12", "nodejs22.x", "provided.al2023")
          .doesNotContain("python3.11", "provided.al2");
    }
  }
}
