package dev.lambdalogs.e2e.support;

import dev.lambdalogs.contract.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Layer;

/**
 * The emulated account, seen through the AWS SDK's own clients: makes roles, functions and layers
 * for a test, and takes snapshots of everything install could touch, to compare before and after.
 */
public final class Account implements AutoCloseable {
  public final LambdaClient lambda;
  public final IamClient iam;

  public Account(URI endpoint) {
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    lambda =
        LambdaClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    iam =
        IamClient.builder()
            .endpointOverride(endpoint)
            .region(Region.AWS_GLOBAL)
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
  }

  public String role(String name) {
    return iam.createRole(
            b ->
                b.roleName(name)
                    .assumeRolePolicyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":"
                            + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
        .role()
        .arn();
  }

  /** A zip function with this runtime and architecture, its own variables, layers and tags. */
  public String function(
      String name,
      String runtime,
      String architecture,
      String role,
      Map<String, String> env,
      List<String> layers,
      Map<String, String> tags) {
    return lambda
        .createFunction(
            b ->
                b.functionName(name)
                    .runtime(runtime)
                    .architecturesWithStrings(architecture)
                    .role(role)
                    .handler("index.handler")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip())))
                    .environment(e -> e.variables(env))
                    .layers(layers)
                    .tags(tags))
        .functionArn();
  }

  public String imageFunction(String name, String role) {
    return lambda
        .createFunction(
            b ->
                b.functionName(name)
                    .packageType("Image")
                    .role(role)
                    .code(
                        c -> c.imageUri("123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest")))
        .functionArn();
  }

  /** A layer version of someone else's, or an old one of ours, by name and description. */
  public String layer(String name, String description) {
    return lambda
        .publishLayerVersion(
            b ->
                b.layerName(name)
                    .description(description)
                    .content(c -> c.zipFile(SdkBytes.fromByteArray(zip()))))
        .layerVersionArn();
  }

  public List<String> layersOf(String name) {
    return lambda.getFunction(b -> b.functionName(name)).configuration().layers().stream()
        .map(Layer::arn)
        .toList();
  }

  public Map<String, String> environmentOf(String name) {
    var env = lambda.getFunction(b -> b.functionName(name)).configuration().environment();
    return env == null || env.variables() == null ? Map.of() : new TreeMap<>(env.variables());
  }

  /** The role's lambdalogs policies (one per function) as JSON text, by name. */
  public Map<String, String> policies(String role) {
    Map<String, String> policies = new TreeMap<>();
    for (String name : iam.listRolePolicies(b -> b.roleName(role)).policyNames()) {
      if (name.startsWith("lambdalogs")) {
        String document =
            iam.getRolePolicy(b -> b.roleName(role).policyName(name)).policyDocument();
        policies.put(
            name,
            document.startsWith("%7B")
                ? URLDecoder.decode(document, StandardCharsets.UTF_8)
                : document);
      }
    }
    return policies;
  }

  /** The statements of all the role's lambdalogs policies. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> statements(String role) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (String document : policies(role).values()) {
      all.addAll(
          (List<Map<String, Object>>)
              ((Map<String, Object>) Json.parse(document)).get("Statement"));
    }
    return all;
  }

  /** Everything install could change, as one comparable value. */
  public Map<String, Object> snapshot(List<String> functions, List<String> roles) {
    Map<String, Object> state = new TreeMap<>();
    for (String f : functions) {
      state.put("function " + f + " layers", layersOf(f));
      state.put("function " + f + " environment", environmentOf(f));
    }
    for (String r : roles) {
      state.put("role " + r + " policies", iam.listRolePolicies(b -> b.roleName(r)).policyNames());
      state.put("role " + r + " lambdalogs", policies(r));
    }
    state.put(
        "layers",
        lambda.listLayers().layers().stream()
            .map(l -> l.layerName() + ":" + l.latestMatchingVersion().version())
            .sorted()
            .toList());
    return state;
  }

  static byte[] zip() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        zip.putNextEntry(new ZipEntry("index.py"));
        zip.write(
            "def handler(event, context):\n    print('hello')\n".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    lambda.close();
    iam.close();
  }
}
