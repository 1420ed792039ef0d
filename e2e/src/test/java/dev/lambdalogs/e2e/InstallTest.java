package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.cli.layer.Layer;
import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.e2e.support.Account;
import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.FaultProxy;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * install, uninstall and status through the real CLI entry point and the AWS SDK's HTTP stack,
 * against moto's server. moto's gaps are worked around here, never in the product: it returns no
 * RevisionId and never reports InProgress, and a bucket policy denying Principal "*" makes it
 * refuse object calls.
 */
class InstallTest {
  static final String BUCKET = "lambdalogs-123456789012-us-east-1";
  static MotoServer moto;
  static Account account;
  static S3Client s3;
  static Cli cli;

  String sharedRole;
  String javaRole;

  @BeforeAll
  static void start() throws Exception {
    moto = MotoServer.start();
    account = new Account(moto.endpoint());
    s3 = S3.client(moto.endpoint());
    cli = new Cli(moto.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    s3.close();
    account.close();
    moto.close();
  }

  @BeforeEach
  void functions() throws Exception {
    moto.reset();
    sharedRole = account.role("shared-role");
    javaRole = account.role("java-role");
    account.function(
        "greeter_fn",
        "python3.12",
        "x86_64",
        sharedRole,
        Map.of("GREETING", "hello"),
        List.of(),
        Map.of("team", "web"));
    account.function(
        "billing_fn",
        "python3.12",
        "x86_64",
        sharedRole,
        Map.of(),
        List.of(),
        Map.of("team", "pay"));
    account.function(
        "orders_fn",
        "java21",
        "arm64",
        javaRole,
        Map.of("SPRING_PROFILES_ACTIVE", "prod"),
        List.of(),
        Map.of("team", "web"));
  }

  List<String> all() {
    return List.of("greeter_fn", "billing_fn", "orders_fn");
  }

  Map<String, Object> state() {
    return account.snapshot(all(), List.of("shared-role", "java-role"));
  }

  List<Map<String, Object>> statements(String role) {
    return account.statements(role);
  }

  @Test
  void aFreshInstallPicksTheVariantCreatesTheBucketAndGrantsOnlyItsPrefix() throws Exception {
    Cli.Run run =
        cli.run("install", "-f", "greeter_fn", "-f", "orders_fn", "--retention-days", "30");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("greeter_fn")
        .contains("installed")
        .contains("2 functions: 2 installed");

    assertThat(account.layersOf("greeter_fn"))
        .singleElement()
        .asString()
        .contains(":layer:lambdalogs-jre:1");
    assertThat(account.layersOf("orders_fn"))
        .singleElement()
        .asString()
        .contains(":layer:lambdalogs:1");
    assertThat(account.environmentOf("greeter_fn"))
        .containsEntry("GREETING", "hello")
        .containsEntry("LAMBDALOGS_BUCKET", BUCKET)
        .containsEntry("LAMBDALOGS_PREFIX", "lambda-logs/");
    assertThat(statements("shared-role"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.get("Effect")).isEqualTo("Allow");
              assertThat(s.get("Action")).isEqualTo(List.of("s3:PutObject"));
              assertThat(s.get("Resource"))
                  .isEqualTo("arn:aws:s3:::" + BUCKET + "/lambda-logs/greeter_fn/*");
            });
    String published =
        account
            .lambda
            .getLayerVersion(b -> b.layerName("lambdalogs").versionNumber(1L))
            .description();
    assertThat(published).contains("sha256:" + Layer.build(Layer.Bundle.NONE).sha256());

    assertThat(
            s3.getPublicAccessBlock(b -> b.bucket(BUCKET))
                .publicAccessBlockConfiguration()
                .blockPublicPolicy())
        .isTrue();
    assertThat(
            s3.getBucketEncryption(b -> b.bucket(BUCKET))
                .serverSideEncryptionConfiguration()
                .rules())
        .isNotEmpty();
    assertThat(
            s3.getBucketOwnershipControls(b -> b.bucket(BUCKET))
                .ownershipControls()
                .rules()
                .get(0)
                .objectOwnershipAsString())
        .isEqualTo("BucketOwnerEnforced");
    assertThat(s3.getBucketPolicy(b -> b.bucket(BUCKET)).policy())
        .contains("aws:SecureTransport")
        .contains("Deny");
    assertThat(
            s3.getBucketLifecycleConfiguration(b -> b.bucket(BUCKET))
                .rules()
                .get(0)
                .expiration()
                .days())
        .isEqualTo(30);
  }

  @Test
  void theDigestsTheBuildWroteAreThoseOfTheZips() throws Exception {
    assertThat(Layer.sha256(Layer.Bundle.NONE)).isEqualTo(Layer.build(Layer.Bundle.NONE).sha256());
    assertThat(Layer.sha256(Layer.Bundle.JRE_X86_64))
        .isEqualTo(Layer.build(Layer.Bundle.JRE_X86_64).sha256());
  }

  @Test
  void installingTwiceChangesNothingAndSaysUpToDate() {
    assertThat(cli.run("install", "-f", "greeter_fn", "-f", "orders_fn").exit()).isZero();
    Map<String, Object> before = state();
    Cli.Run again = cli.run("install", "-f", "greeter_fn", "-f", "orders_fn");
    assertThat(again.exit()).as(again.toString()).isZero();
    assertThat(again.out()).contains("2 functions: 2 up to date");
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void anOlderVersionOfOursIsReplacedInPlaceAndTheOtherLayersKeptInOrder() {
    String first = account.layer("other-tools", "someone else's");
    String old = account.layer("lambdalogs", "lambdalogs extension, sha256:" + "0".repeat(64));
    String last = account.layer("more-tools", "someone else's too");
    account.function(
        "layered_fn", "java17", "x86_64", javaRole, Map.of(), List.of(first, old, last), Map.of());
    Cli.Run run = cli.run("install", "-f", "layered_fn");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("updated");
    List<String> layers = account.layersOf("layered_fn");
    assertThat(layers).hasSize(3);
    assertThat(layers.get(0)).isEqualTo(first);
    assertThat(layers.get(1)).contains(":layer:lambdalogs:2");
    assertThat(layers.get(2)).isEqualTo(last);
  }

  @Test
  void twoFunctionsShareARoleAndUninstallingOneKeepsTheOthersGrant() {
    assertThat(cli.run("install", "--tag", "team=web", "--exclude", "orders*").exit()).isZero();
    assertThat(cli.run("install", "-f", "billing_fn").exit()).isZero();
    assertThat(statements("shared-role")).hasSize(2);
    assertThat(account.policies("shared-role"))
        .as("one policy per function")
        .containsOnlyKeys("lambdalogs-us-east-1-billing_fn", "lambdalogs-us-east-1-greeter_fn");
    Cli.Run run = cli.run("uninstall", "-f", "billing_fn");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(statements("shared-role"))
        .singleElement()
        .satisfies(s -> assertThat((String) s.get("Resource")).contains("/greeter_fn/"));
    assertThat(cli.run("uninstall", "-f", "greeter_fn").exit()).isZero();
    assertThat(account.policies("shared-role")).as("the function's policy goes with it").isEmpty();
  }

  @Test
  void uninstallRestoresTheExactPreviousConfigurationAndIsANoOpTheSecondTime() {
    Map<String, Object> before = state();
    assertThat(cli.run("install", "--function-regex", "_fn$", "--disable-cloudwatch").exit())
        .isZero();
    assertThat(state()).isNotEqualTo(before);
    Cli.Run run = cli.run("uninstall", "--function-regex", "_fn$");
    assertThat(run.exit()).as(run.toString()).isZero();
    Map<String, Object> after = state();
    after.remove("layers"); // published layer versions stay, for the next install
    Map<String, Object> expected = new java.util.TreeMap<>(before);
    expected.remove("layers");
    assertThat(after).isEqualTo(expected);
    Cli.Run again = cli.run("uninstall", "--function-regex", "_fn$");
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("3 not installed");
  }

  @Test
  void dryRunPrintsThePlanAndChangesNothing() {
    Map<String, Object> before = state();
    Cli.Run run =
        cli.run(
            "install", "-f", "greeter_fn", "-f", "orders_fn", "--disable-cloudwatch", "--dry-run");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("bucket: create s3://" + BUCKET)
        .contains("would install")
        .contains("LAMBDALOGS_BUCKET=" + BUCKET)
        .contains("Allow [s3:PutObject]")
        .contains("Deny [logs:CreateLogStream, logs:PutLogEvents]")
        .contains("-> [(new version of lambdalogs-jre)]");
    assertThat(state()).isEqualTo(before);
    assertThat(s3.listBuckets().buckets()).isEmpty();
  }

  @Test
  void aMissingFunctionAmongSeveralIsNamedAndTheOthersAreDone() {
    Cli.Run run = cli.run("install", "-f", "greeter_fn", "-f", "no_such_fn", "-f", "orders_fn");
    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.out())
        .contains("no_such_fn")
        .contains("failed")
        .contains("ResourceNotFoundException");
    assertThat(account.layersOf("greeter_fn")).hasSize(1);
    assertThat(account.layersOf("orders_fn")).hasSize(1);
  }

  @Test
  void unsupportedCombinationsContainerImagesAndTheLayerLimitAreRefusedWithReasons() {
    account.function(
        "arm_python_fn", "python3.11", "arm64", sharedRole, Map.of(), List.of(), Map.of());
    account.imageFunction("image_fn", sharedRole);
    List<String> five = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(account.layer("tool" + i, "x"));
    }
    account.function("full_fn", "java21", "x86_64", javaRole, Map.of(), five, Map.of());
    Cli.Run run =
        cli.run(
            "install",
            "-f",
            "arm_python_fn",
            "-f",
            "image_fn",
            "-f",
            "full_fn",
            "-f",
            "greeter_fn");
    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.out())
        .contains("python3.11 on arm64 runs on Amazon Linux 2, whose glibc (2.26)")
        .contains("Move the function to a current runtime")
        .contains("container image")
        .contains("5 layers already");
    assertThat(account.layersOf("full_fn")).isEqualTo(five);
  }

  @Test
  void fourLayersAlreadyMakeFiveWithOurs() {
    List<String> four = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      four.add(account.layer("tool" + i, "x"));
    }
    account.function("four_fn", "java21", "x86_64", javaRole, Map.of(), four, Map.of());
    assertThat(cli.run("install", "-f", "four_fn").exit()).isZero();
    assertThat(account.layersOf("four_fn")).hasSize(5).startsWith(four.toArray(String[]::new));
  }

  @Test
  void disableCloudWatchDeniesLogWritesToTheFunctionsOwnGroupOnly() {
    assertThat(cli.run("install", "-f", "greeter_fn", "--disable-cloudwatch").exit()).isZero();
    assertThat(statements("shared-role"))
        .anySatisfy(
            s -> {
              assertThat(s.get("Effect")).isEqualTo("Deny");
              assertThat(s.get("Action"))
                  .isEqualTo(List.of("logs:CreateLogStream", "logs:PutLogEvents"));
              assertThat(s.get("Resource"))
                  .isEqualTo(
                      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/greeter_fn:*");
            });
    assertThat(cli.run("uninstall", "-f", "greeter_fn").exit()).isZero();
    assertThat(account.policies("shared-role")).isEmpty();
  }

  @Test
  void statusCheckFindsDriftAndJsonOutputParses() {
    Cli.Run before = cli.run("status", "--check", "-f", "greeter_fn", "-f", "orders_fn");
    assertThat(before.exit()).as(before.toString()).isEqualTo(4);
    assertThat(before.out()).contains("not installed");
    assertThat(cli.run("install", "-f", "greeter_fn", "-f", "orders_fn").exit()).isZero();
    Cli.Run after = cli.run("status", "--check", "-f", "greeter_fn", "-f", "orders_fn");
    assertThat(after.exit()).as(after.toString()).isZero();
    assertThat(after.out())
        .contains("up to date")
        .contains("s3://" + BUCKET + "/lambda-logs/greeter_fn/");
    Cli.Run json = cli.run("status", "-o", "json");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows =
        (List<Map<String, Object>>) ((Map<String, Object>) Json.parse(json.out())).get("functions");
    assertThat(rows).hasSize(3).filteredOn(r -> Boolean.TRUE.equals(r.get("installed"))).hasSize(2);
  }

  @Test
  void statusCheckNamesEveryDriftOnStderrAGrantRemovedOrABucketMismatch() {
    assertThat(cli.run("install", "-f", "greeter_fn", "-f", "billing_fn", "-f", "orders_fn").exit())
        .isZero();
    assertThat(
            cli.run("status", "--check", "-f", "greeter_fn", "-f", "billing_fn", "-f", "orders_fn")
                .exit())
        .isZero();
    // by hand, as someone tidying the role would: the grant goes, the function stays configured
    account.iam.deleteRolePolicy(
        b -> b.roleName("shared-role").policyName("lambdalogs-us-east-1-greeter_fn"));
    Map<String, String> env = new HashMap<>(account.environmentOf("billing_fn"));
    env.put("LAMBDALOGS_BUCKET", "someone-elses-bucket");
    account.lambda.updateFunctionConfiguration(
        b -> b.functionName("billing_fn").environment(e -> e.variables(env)));

    Cli.Run run =
        cli.run("status", "--check", "-f", "greeter_fn", "-f", "billing_fn", "-f", "orders_fn");
    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(run.err())
        .as(run.toString())
        .contains(
            "lambdalogs: drift: greeter_fn: no grant to write s3://"
                + BUCKET
                + "/lambda-logs/greeter_fn/ "
                + "(lambdalogs-us-east-1-greeter_fn on role shared-role is missing)")
        .contains(
            "lambdalogs: drift: billing_fn: its grant (lambdalogs-us-east-1-billing_fn on role shared-role) is for "
                + "[arn:aws:s3:::"
                + BUCKET
                + "/lambda-logs/billing_fn/*], but its logs go to "
                + "s3://someone-elses-bucket/lambda-logs/billing_fn/")
        .contains("bucket someone-elses-bucket does not exist")
        .contains("2 of 3 functions drifted")
        .doesNotContain("drift: orders_fn");

    assertThat(cli.run("install", "-f", "greeter_fn", "-f", "billing_fn").exit()).isZero();
    Cli.Run again =
        cli.run("status", "--check", "-f", "greeter_fn", "-f", "billing_fn", "-f", "orders_fn");
    assertThat(again.exit()).as("install converges: " + again).isZero();
  }

  @Test
  void statusReadsAHandSetPrefixAsTheExtensionDoes() {
    assertThat(cli.run("install", "-f", "greeter_fn", "--prefix", "team/logs").exit()).isZero();
    // by hand, without the trailing slash: the extension adds it, so nothing has drifted
    Map<String, String> env = new HashMap<>(account.environmentOf("greeter_fn"));
    env.put("LAMBDALOGS_PREFIX", "team/logs");
    account.lambda.updateFunctionConfiguration(
        b -> b.functionName("greeter_fn").environment(e -> e.variables(env)));
    Cli.Run run = cli.run("status", "--check", "-f", "greeter_fn");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("s3://" + BUCKET + "/team/logs/greeter_fn/");
  }

  @Test
  void statusCheckCountsFunctionsThatCannotTakeTheLayerAsNotApplicable() {
    account.function(
        "arm_python_fn",
        "python3.11",
        "arm64",
        sharedRole,
        Map.of(),
        List.of(),
        Map.of("team", "web"));
    account.imageFunction("image_fn", sharedRole);
    assertThat(cli.run("install", "-f", "greeter_fn", "-f", "orders_fn").exit()).isZero();
    Cli.Run run =
        cli.run(
            "status",
            "--check",
            "-f",
            "greeter_fn",
            "-f",
            "orders_fn",
            "-f",
            "arm_python_fn",
            "-f",
            "image_fn");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("not applicable: container image")
        .contains("not applicable: python3.11 on arm64");
    assertThat(run.err()).doesNotContain("drift");
  }

  @Test
  void todaysRuntimesGetTheirVariantAndAnUnseenOneIsTakenByItsFamilyWithAWarning() {
    for (String runtime :
        List.of(
            "java25", "python3.14", "nodejs24.x", "dotnet10", "ruby4.0", "java27", "python3.15")) {
      account.function(
          "rt_" + runtime.replaceAll("[.]", "_"),
          runtime,
          "x86_64",
          sharedRole,
          Map.of(),
          List.of(),
          Map.of());
    }
    Cli.Run run = cli.run("install", "--function-regex", "^rt_", "-o", "json");
    assertThat(run.exit()).as(run.toString()).isZero();
    Map<?, ?> report = (Map<?, ?>) Json.parse(run.out());
    Map<String, String> layerOf = new java.util.TreeMap<>();
    for (Object f : (List<?>) report.get("functions")) {
      Map<?, ?> function = (Map<?, ?>) f;
      layerOf.put(
          (String) function.get("function"),
          String.valueOf(function.get("detail")).replaceAll(",.*", ""));
    }
    assertThat(layerOf)
        .containsEntry("rt_java25", "lambdalogs:1")
        .containsEntry("rt_java27", "lambdalogs:1")
        .containsEntry("rt_python3_14", "lambdalogs-jre:1")
        .containsEntry("rt_nodejs24_x", "lambdalogs-jre:1")
        .containsEntry("rt_dotnet10", "lambdalogs-jre:1")
        .containsEntry("rt_ruby4_0", "lambdalogs-jre:1")
        .containsEntry("rt_python3_15", "lambdalogs-jre:1");
    assertThat(run.err())
        .contains("rt_java27: runtime java27 is newer than this lambdalogs: taken as java 27")
        .contains(
            "rt_python3_15: runtime python3.15 is newer than this lambdalogs: taken as python")
        .doesNotContain("rt_java25: runtime");
  }

  @Test
  void onArm64AmazonLinux2023RuntimesGetTheArm64RuntimeAndJavaKeepsThePlainLayer() {
    account.function("arm_py_fn", "python3.12", "arm64", sharedRole, Map.of(), List.of(), Map.of());
    account.function(
        "arm_node_fn", "nodejs22.x", "arm64", sharedRole, Map.of(), List.of(), Map.of());
    account.function(
        "arm_old_fn", "python3.11", "arm64", sharedRole, Map.of(), List.of(), Map.of());
    Cli.Run run = cli.run("install", "--function-regex", "^arm_", "-f", "orders_fn");
    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("python3.11 on arm64 runs on Amazon Linux 2");
    assertThat(account.layersOf("arm_py_fn"))
        .singleElement()
        .asString()
        .endsWith(":layer:lambdalogs-jre-arm64:1");
    assertThat(account.layersOf("arm_node_fn"))
        .singleElement()
        .asString()
        .endsWith(":layer:lambdalogs-jre-arm64:1");
    assertThat(account.layersOf("orders_fn"))
        .singleElement()
        .asString()
        .endsWith(":layer:lambdalogs:1");
    assertThat(account.layersOf("arm_old_fn")).isEmpty();
    var published =
        account.lambda.getLayerVersion(b -> b.layerName("lambdalogs-jre-arm64").versionNumber(1L));
    assertThat(published.compatibleArchitecturesAsStrings()).containsExactly("arm64");
    Cli.Run status = cli.run("status", "--check", "--function-regex", "^arm_", "-f", "orders_fn");
    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.out())
        .contains("lambdalogs-jre-arm64:1")
        .contains("not applicable: python3.11 on arm64");
  }

  @Test
  void managedInstancesFunctionsAreInstalledAndSaidToNeedAPublishedVersion() throws Exception {
    account.function("busy_fn", "java21", "x86_64", sharedRole, Map.of(), List.of(), Map.of());
    String provider = "arn:aws:lambda:us-east-1:123456789012:capacity-provider:web-fleet";
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      // moto drops the field: put it into Lambda's answers about busy_fn as AWS sends it
      proxy.rewriteAnswers(
          "GET /2015-03-31/functions",
          body ->
              body.replaceAll(
                  "(\"FunctionName\":\\s*\"busy_fn\")",
                  "$1, \"CapacityProviderConfig\": {\"LambdaManagedInstancesCapacityProviderConfig\": {\"CapacityProviderArn\": \""
                      + provider
                      + "\", \"PerExecutionEnvironmentMaxConcurrency\": 32}}"));
      Cli viaProxy = new Cli(proxy.endpoint().toString());
      Cli.Run install = viaProxy.run("install", "-f", "busy_fn");
      assertThat(install.exit()).as(install.toString()).isZero();
      assertThat(install.err())
          .contains("busy_fn: Managed Instances (web-fleet): invocations run published versions")
          .contains("aws lambda publish-version");
      Cli.Run status = viaProxy.run("status", "--check", "-f", "busy_fn", "-o", "json");
      assertThat(status.exit()).as(status.toString()).isZero();
      assertThat(status.out()).contains("\"note\":\"Managed Instances (web-fleet)");
      assertThat(viaProxy.run("status", "-f", "greeter_fn", "-o", "json").out())
          .contains("\"note\":null");
    }
  }

  @Test
  void statusCheckOfAnEmptySelectionSaysNothingWasChecked() {
    Cli.Run run = cli.run("status", "--check", "--function-regex", "^no-such-");
    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .contains("no function matches the selection in us-east-1: nothing was checked");
  }

  @Test
  void installJsonHasEachFunctionsBeforeAfterAndOutcome() {
    Cli.Run run = cli.run("install", "-f", "greeter_fn", "-o", "json", "-q");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) Json.parse(run.out());
    Map<?, ?> function = (Map<?, ?>) ((List<?>) doc.get("functions")).get(0);
    assertThat(function.get("outcome")).isEqualTo("installed");
    assertThat(((Map<?, ?>) function.get("before")).get("layers")).isEqualTo(List.of());
    assertThat((List<?>) ((Map<?, ?>) function.get("after")).get("layers")).hasSize(1);
  }

  @Test
  void noSelectionIsBadUsage() {
    Cli.Run run = cli.run("install");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("name the functions");
  }

  @Test
  void aConcurrentDeployIsNeverOverwrittenTheFunctionIsReadAgainAndTheUpdateRetried()
      throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy.failNext(1, FaultProxy.Fault.PRECONDITION_FAILED, "PUT /2015-03-31/functions/");
      Cli.Run run = new Cli(proxy.endpoint().toString()).run("install", "-f", "greeter_fn");
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(proxy.count("PRECONDITION_FAILED")).isEqualTo(1);
      assertThat(account.layersOf("greeter_fn")).hasSize(1);
      assertThat(account.environmentOf("greeter_fn"))
          .containsEntry("GREETING", "hello")
          .containsKey("LAMBDALOGS_BUCKET");
    }
  }

  @Test
  void throttlingIsRetriedAndTheInstallCompletes() throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy.failNext(3, FaultProxy.Fault.THROTTLED, "GET /2015-03-31/functions/");
      Cli.Run run =
          new Cli(proxy.endpoint().toString())
              .run("install", "-f", "greeter_fn", "-f", "orders_fn");
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(proxy.count("THROTTLED")).isEqualTo(3);
    }
  }

  @Test
  void withoutCredentialsOrRegionTheCommandSaysWhatToDo() {
    Cli bare = new Cli(List.of("--endpoint-url", moto.endpoint().toString()));
    Cli.Run noRegion = bare.run("install", "-f", "greeter_fn");
    assertThat(noRegion.exit()).as(noRegion.toString()).isEqualTo(1);
    assertThat(noRegion.err()).contains("no AWS region").contains("--region");
    String id = System.clearProperty("aws.accessKeyId");
    String secret = System.clearProperty("aws.secretAccessKey");
    try {
      Cli.Run noCredentials = bare.run("install", "-f", "greeter_fn", "--region", "us-east-1");
      assertThat(noCredentials.exit()).as(noCredentials.toString()).isEqualTo(1);
      assertThat(noCredentials.err()).contains("no AWS credentials").contains("aws configure");
    } finally {
      System.setProperty("aws.accessKeyId", id);
      System.setProperty("aws.secretAccessKey", secret);
    }
  }

  @Test
  void accessDeniedNamesTheMissingActionAndTheFunction() throws Exception {
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy.failNext(1, FaultProxy.Fault.ACCESS_DENIED, "PUT /2015-03-31/functions/");
      Cli.Run run =
          new Cli(proxy.endpoint().toString())
              .run("install", "-f", "greeter_fn", "-f", "orders_fn");
      assertThat(run.exit()).as(run.toString()).isEqualTo(3);
      assertThat(run.out())
          .contains("AccessDeniedException")
          .contains("the caller needs lambda:UpdateFunctionConfiguration");
    }
  }

  @Test
  void aBucketOwnedByAnotherAccountStopsTheInstallBeforeAnyChange() throws Exception {
    Map<String, Object> before = state();
    try (FaultProxy proxy = new FaultProxy(moto.endpoint())) {
      proxy.failNext(1, FaultProxy.Fault.FORBIDDEN, "HEAD /someone-elses-bucket");
      Cli.Run run =
          new Cli(proxy.endpoint().toString())
              .run("install", "-f", "greeter_fn", "--bucket", "someone-elses-bucket");
      assertThat(run.exit()).as(run.toString()).isEqualTo(1);
      assertThat(run.err())
          .contains("someone-elses-bucket exists but is not owned by account 123456789012")
          .contains("--bucket");
    }
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void layerPublishPublishesOnceAndThenFindsTheSameVersion() {
    Cli.Run first = cli.run("layer", "publish");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains(":layer:lambdalogs:1").contains("(published)");
    Cli.Run second = cli.run("layer", "publish");
    assertThat(second.out()).contains(":layer:lambdalogs:1").contains("(already there)");
  }

  @Test
  void anotherLogShipperIsWarnedAboutAndAnArnsRegionWinsOverTheCommands() {
    String datadog = account.layer("Datadog-Extension", "someone else's log shipper");
    String arn =
        account.function(
            "shipped_fn", "java21", "x86_64", javaRole, Map.of(), List.of(datadog), Map.of());
    Cli elsewhere =
        new Cli(List.of("--endpoint-url", moto.endpoint().toString(), "--region", "eu-west-1"));
    Cli.Run run = elsewhere.run("install", "-f", arn, "--bucket", "team-logs-eu");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err())
        .contains("another log-shipping extension is attached")
        .contains("Datadog-Extension");
    assertThat(account.layersOf("shipped_fn")).hasSize(2).startsWith(datadog);
  }
}
