package dev.lambdalogs.cli.query;

import dev.lambdalogs.cli.failure.ExitException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The Glue table over the archive, and the view {@code logs} over it: a table of raw events (one
 * row per line, the JSON SerDe) partitioned by function and hour with partition projection, so that
 * Athena reads only the hour folders a query's range needs and no partition is ever added.
 *
 * <p>The function partition is projected as an {@code enum} of the functions that have logs when
 * setup runs, not as {@code injected}: an injected column needs an equality filter in every query,
 * and "which function errored most" must read them all. Run setup again after installing new
 * functions.
 */
public record AthenaTable(String database, String bucket, String prefix, List<String> functions) {
  public static final String TABLE = "events";
  public static final String VIEW = "logs";

  /** The hours projected: from three years back, as far as any archive keeps logs, to now. */
  static final String HOURS = "NOW-3YEARS,NOW+1HOURS";

  static final List<String> COLUMNS = List.of("time", "type", "record", "requestid");
  static final List<String> PARTITIONS = List.of("function", "hour");
  static final String SERDE = "org.openx.data.jsonserde.JsonSerDe";
  static final String INPUT = "org.apache.hadoop.mapred.TextInputFormat";
  static final String OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

  /** The table over the archive of these functions; none yet is a failure, saying what to do. */
  public static AthenaTable over(
      String database, String bucket, String prefix, List<String> functions) {
    if (functions.isEmpty()) {
      throw new ExitException(
          ExitException.FAILED,
          "no function has logs under s3://"
              + bucket
              + "/"
              + prefix
              + " yet: install the extension (lambdalogs install), let it write, then run"
              + " athena setup");
    }
    return new AthenaTable(database, bucket, prefix, functions);
  }

  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  /** The table's properties: the projection, and where each partition's objects are. */
  Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("EXTERNAL", "TRUE");
    p.put("classification", "json");
    p.put("projection.enabled", "true");
    p.put("projection.function.type", "enum");
    p.put("projection.function.values", String.join(",", functions));
    p.put("projection.hour.type", "date");
    p.put("projection.hour.format", "yyyy/MM/dd/HH");
    p.put("projection.hour.range", HOURS);
    p.put("projection.hour.interval", "1");
    p.put("projection.hour.interval.unit", "HOURS");
    p.put("storage.location.template", location() + "${function}/${hour}/");
    return p;
  }

  Map<String, String> serdeParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("mapping.requestid", "requestId");
    p.put("ignore.malformed.json", "false");
    return p;
  }

  TableInput input() {
    return TableInput.builder()
        .name(TABLE)
        .tableType("EXTERNAL_TABLE")
        .parameters(parameters())
        .partitionKeys(strings(PARTITIONS))
        .storageDescriptor(
            StorageDescriptor.builder()
                .columns(strings(COLUMNS))
                .location(location())
                .inputFormat(INPUT)
                .outputFormat(OUTPUT)
                .serdeInfo(
                    SerDeInfo.builder()
                        .serializationLibrary(SERDE)
                        .parameters(serdeParameters())
                        .build())
                .build())
        .build();
  }

  /** True when Glue's table is this one: Glue adds properties of its own, which are left alone. */
  boolean sameAs(Table existing) {
    StorageDescriptor sd = existing.storageDescriptor();
    return sd != null
        && strings(COLUMNS).equals(sd.columns())
        && strings(PARTITIONS).equals(existing.partitionKeys())
        && location().equals(sd.location())
        && INPUT.equals(sd.inputFormat())
        && sd.serdeInfo() != null
        && SERDE.equals(sd.serdeInfo().serializationLibrary())
        && sd.serdeInfo().parameters().entrySet().containsAll(serdeParameters().entrySet())
        && existing.parameters().entrySet().containsAll(parameters().entrySet());
  }

  /** What the table is, as Athena's DDL: what setup made through Glue's API, for people to read. */
  public String tableDdl() {
    StringBuilder ddl =
        new StringBuilder("CREATE EXTERNAL TABLE `")
            .append(database)
            .append("`.`")
            .append(TABLE)
            .append("` (\n");
    for (int i = 0; i < COLUMNS.size(); i++) {
      ddl.append("  `").append(COLUMNS.get(i)).append("` string");
      ddl.append(i < COLUMNS.size() - 1 ? ",\n" : "\n");
    }
    ddl.append(")\nPARTITIONED BY (`function` string, `hour` string)\n")
        .append("ROW FORMAT SERDE '")
        .append(SERDE)
        .append("'\nWITH SERDEPROPERTIES (")
        .append(properties(serdeParameters()))
        .append(")\nSTORED AS INPUTFORMAT '")
        .append(INPUT)
        .append("' OUTPUTFORMAT '")
        .append(OUTPUT)
        .append("'\nLOCATION '")
        .append(location())
        .append("'\nTBLPROPERTIES (");
    Map<String, String> shown = new LinkedHashMap<>(parameters());
    shown.remove("EXTERNAL");
    return ddl.append(properties(shown)).append(");").toString();
  }

  /** The view's DDL, which setup runs through Athena. */
  public String viewDdl() {
    return "CREATE OR REPLACE VIEW " + VIEW + " AS " + viewSql();
  }

  /** The view's query, as Athena keeps it. */
  String viewSql() {
    return LogsView.athena("\"" + database + "\".\"" + TABLE + "\"");
  }

  /**
   * A first query, through lambdalogs, which limits the hours read to the range: the view alone, in
   * Athena's console, reads every hour unless the table's {@code hour} is filtered.
   */
  public String sampleQuery() {
    return "lambdalogs query --engine athena --database "
        + database
        + " --since 1d \"SELECT function, count(*) AS errors FROM logs"
        + " WHERE level = 'ERROR' GROUP BY 1 ORDER BY 2 DESC\"";
  }

  private static List<Column> strings(List<String> names) {
    return names.stream().map(n -> Column.builder().name(n).type("string").build()).toList();
  }

  private static String properties(Map<String, String> p) {
    StringBuilder out = new StringBuilder();
    p.forEach(
        (k, v) ->
            out.append(out.isEmpty() ? "\n  '" : ",\n  '")
                .append(k)
                .append("'='")
                .append(v)
                .append('\''));
    return out.append('\n').toString();
  }
}
