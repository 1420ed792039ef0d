package dev.lambdalogs.cli.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a function is granted: its own folder of the archive to write, and with --disable-cloudwatch
 * no more.
 */
class GrantsTest {
  static final Target GREETER =
      new Target(
          "greeter_fn",
          "arn:aws:lambda:eu-west-1:123456789012:function:greeter_fn",
          "eu-west-1",
          "python3.12",
          "x86_64",
          "Zip",
          "arn:aws:iam::123456789012:role/service/shared-role",
          List.of(),
          Map.of(),
          "/aws/lambda/greeter_fn",
          "r1",
          "Successful",
          null);

  @Test
  void onlyItsOwnFolderOfTheArchiveToWrite() {
    assertThat(Grants.statements(GREETER, "team-logs", "lambda-logs/", false))
        .containsExactly(
            Map.of(
                "Sid",
                "LambdalogsWrite",
                "Effect",
                "Allow",
                "Action",
                List.of("s3:PutObject"),
                "Resource",
                "arn:aws:s3:::team-logs/lambda-logs/greeter_fn/*"));
    assertThat(Grants.writeResource(GREETER, "b", "")).isEqualTo("arn:aws:s3:::b/greeter_fn/*");
  }

  @Test
  void withoutCloudWatchItsOwnLogGroupIsDeniedInItsAccountAndRegion() {
    List<Map<String, Object>> statements = Grants.statements(GREETER, "team-logs", "p/", true);
    assertThat(statements).hasSize(2);
    assertThat(statements.get(1))
        .isEqualTo(
            Map.of(
                "Sid",
                "LambdalogsNoCloudWatch",
                "Effect",
                "Deny",
                "Action",
                List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource",
                "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/greeter_fn:*"));
  }

  @Test
  void onePolicyPerFunctionNamedForItsRegionWhateverRoleItShares() {
    assertThat(Grants.policyName(GREETER)).isEqualTo("lambdalogs-eu-west-1-greeter_fn");
    assertThat(GREETER.roleName()).as("a role with a path").isEqualTo("shared-role");
  }
}
