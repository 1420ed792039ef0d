package dev.lambdalogs.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lambdalogs.contract.json.Json;
import dev.lambdalogs.e2e.support.Account;
import dev.lambdalogs.e2e.support.CallRecorder;
import dev.lambdalogs.e2e.support.Cli;
import dev.lambdalogs.e2e.support.CraftedArchive;
import dev.lambdalogs.e2e.support.FaultProxy;
import dev.lambdalogs.e2e.support.MotoServer;
import dev.lambdalogs.e2e.support.S3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The IAM policies in docs/iam/ grant exactly the actions the commands call: every AWS call of
 * install, status, uninstall and layer publish (one policy), and of tail, download, query and stats
 * (the other), recorded from runs against moto, the SDK's calls by an interceptor and the reader's
 * own signed S3 requests by the proxy in front of moto.
 */
class IamPolicyTest {
  static final Path REPO = LambdalogsScriptTest.REPO;
  static final String BUCKET = "policy-logs";
  static final String READ_BUCKET = "policy-reads";
  static final String DEFAULT_BUCKET = "lambdalogs-123456789012-us-east-1";
  static final String ATHENA_ITSELF = "WhatAthenaReadsAndWritesForYou";
  static final String STOP = "StopAQueryWhenInterrupted";

  @TempDir Path dir;

  @Test
  void thePoliciesGrantWhatTheCommandsCallAndNothingMore() throws Exception {
    try (MotoServer moto = MotoServer.start();
        FaultProxy proxy = new FaultProxy(moto.endpoint());
        Account account = new Account(moto.endpoint())) {
      String role = account.role("policy-role");
      account.function(
          "py_fn", "python3.12", "x86_64", role, Map.of(), List.of(), Map.of("team", "web"));
      account.function("java_fn", "java21", "x86_64", role, Map.of(), List.of(), Map.of());
      Cli cli = new Cli(proxy.endpoint().toString());
      Set<String> install =
          CallRecorder.during(
              () -> {
                ok(
                    cli.run(
                        "install",
                        "-f",
                        "py_fn",
                        "-f",
                        "java_fn",
                        "--bucket",
                        BUCKET,
                        "--retention-days",
                        "30"));
                ok(cli.run("install", "-f", "py_fn", "--bucket", BUCKET));
                ok(cli.run("install", "--tag", "team=web", "--bucket", BUCKET, "--dry-run"));
                ok(cli.run("status", "--check", "-f", "py_fn"));
                ok(cli.run("status"));
                ok(cli.run("layer", "publish"));
                return null;
              });
      // the reads, from a bucket without the TLS-only policy install gives its own (moto enforces
      // it,
      // and speaks plain HTTP): the function is pointed at it as by a second install
      try (var s3 = S3.client(moto.endpoint())) {
        s3.createBucket(b -> b.bucket(READ_BUCKET));
        s3.createBucket(
            b -> b.bucket(DEFAULT_BUCKET)); // install's default: tail with no -f finds it
        long at = System.currentTimeMillis() - 60_000;
        s3.putObject(
            b -> b.bucket(READ_BUCKET).key(TailTest.key("lambda-logs/", "py_fn", "e1", 1, at)),
            RequestBody.fromBytes(TailTest.gzip(TailTest.event(at, "function", "hi") + "\n")));
      }
      Map<String, String> env = new java.util.HashMap<>(account.environmentOf("py_fn"));
      env.put("LAMBDALOGS_BUCKET", READ_BUCKET);
      account.lambda.updateFunctionConfiguration(
          b -> b.functionName("py_fn").environment(e -> e.variables(env)));
      proxy.resetCounts();
      Set<String> read =
          CallRecorder.during(
              () -> {
                ok(cli.run("tail", "-f", "py_fn", "--since", "1h"));
                ok(cli.run("tail", "--since", "1h"));
                ok(
                    cli.run(
                        "download",
                        "-f",
                        "py_fn",
                        "--since",
                        "1h",
                        "--to",
                        dir.resolve("d").toString()));
                ok(
                    cli.run(
                        "query",
                        "-f",
                        "py_fn",
                        "--since",
                        "1h",
                        "--cache-dir",
                        dir.resolve("c").toString(),
                        "SELECT count(*) FROM logs"));
                ok(
                    cli.run(
                        "stats",
                        "--bucket",
                        BUCKET,
                        "--since",
                        "1h",
                        "--cache-dir",
                        dir.resolve("c").toString()));
                return null;
              });
      read.addAll(readerActions(proxy));
      install.addAll(
          CallRecorder.during(
              () -> {
                ok(cli.run("uninstall", "-f", "py_fn", "-f", "java_fn"));
                return null;
              }));
      assertThat(actions("docs/iam/lambdalogs-install.json")).isEqualTo(install);
      assertThat(actions("docs/iam/lambdalogs-read.json")).isEqualTo(read);
    }
  }

  /**
   * The Athena policy: what athena setup (first, again, and after a new function) and query
   * --engine athena call, recorded, equals its statements but one:
   * "WhatAthenaReadsAndWritesForYou", the actions Athena itself takes with the caller's credentials
   * (the archive, the results folder, the catalog), which no call here can show and which come from
   * Athena's documentation.
   */
  @Test
  void theAthenaPolicyGrantsWhatSetupAndQueriesCall() throws Exception {
    try (MotoServer moto = MotoServer.start();
        FaultProxy proxy = new FaultProxy(moto.endpoint());
        var s3 = S3.client(moto.endpoint())) {
      s3.createBucket(b -> b.bucket(READ_BUCKET));
      new CraftedArchive().putInto(s3, READ_BUCKET);
      Cli cli = new Cli(proxy.endpoint().toString());
      String since = CraftedArchive.FROM.toString();
      String until = CraftedArchive.TO.toString();
      Set<String> athena =
          CallRecorder.during(
              () -> {
                ok(cli.run("athena", "setup", "--bucket", READ_BUCKET));
                ok(cli.run("athena", "setup", "--bucket", READ_BUCKET));
                return null;
              });
      long at = CraftedArchive.FROM.toEpochMilli() + 60_000;
      s3.putObject(
          b ->
              b.bucket(READ_BUCKET).key(TailTest.key(CraftedArchive.PREFIX, "new_fn", "e9", 1, at)),
          RequestBody.fromBytes(TailTest.gzip(TailTest.event(at, "function", "hi"))));
      athena.addAll(
          CallRecorder.during(
              () -> {
                ok(cli.run("athena", "setup", "--bucket", READ_BUCKET));
                ok(cli.run("athena", "setup", "--bucket", READ_BUCKET, "--dry-run"));
                ok(
                    cli.run(
                        "query",
                        "--engine",
                        "athena",
                        "--bucket",
                        READ_BUCKET,
                        "--since",
                        since,
                        "--until",
                        until,
                        "SELECT count(*) AS n FROM logs"));
                return null;
              }));
      athena.addAll(readerActions(proxy));
      assertThat(actions("docs/iam/lambdalogs-athena.json", ATHENA_ITSELF, STOP)).isEqualTo(athena);
      // a query is stopped on Ctrl-C or SIGTERM (AthenaTest sends one to a command's process)
      assertThat(actions("docs/iam/lambdalogs-athena.json")).contains("athena:StopQueryExecution");
      assertThat(statement("docs/iam/lambdalogs-athena.json", STOP).get("Action"))
          .isEqualTo("athena:StopQueryExecution");
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> statements(String file) throws Exception {
    Map<String, Object> policy =
        (Map<String, Object>) Json.parse(Files.readString(REPO.resolve(file)));
    return (List<Map<String, Object>>) policy.get("Statement");
  }

  static Map<String, Object> statement(String file, String sid) throws Exception {
    return statements(file).stream()
        .filter(s -> sid.equals(s.get("Sid")))
        .findFirst()
        .orElseThrow();
  }

  /** The reader's own signed S3 requests to the bucket it reads, as the IAM actions they need. */
  static Set<String> readerActions(FaultProxy proxy) {
    Set<String> actions = new TreeSet<>();
    for (String request : proxy.requests()) {
      if (request.startsWith("GET /" + READ_BUCKET + "?") && request.contains("list-type=2")) {
        actions.add("s3:ListBucket");
      } else if (request.startsWith("GET /" + READ_BUCKET + "/")) {
        actions.add("s3:GetObject");
      }
    }
    return actions;
  }

  static void ok(Cli.Run run) {
    assertThat(run.exit()).as(run.toString()).isZero();
  }

  /** Every action a policy document allows, across its statements. */
  /** Every action a policy document allows, across its statements but those of these Sids. */
  @SuppressWarnings("unchecked")
  static Set<String> actions(String file, String... leftOut) throws Exception {
    Set<String> actions = new TreeSet<>();
    for (Map<String, Object> statement : statements(file)) {
      if (List.of(leftOut).contains(statement.get("Sid"))) {
        continue;
      }
      Object action = statement.get("Action");
      if (action instanceof String one) {
        actions.add(one);
      } else {
        actions.addAll((List<String>) action);
      }
    }
    return actions;
  }
}
