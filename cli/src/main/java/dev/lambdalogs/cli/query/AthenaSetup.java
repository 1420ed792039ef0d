package dev.lambdalogs.cli.query;

import dev.lambdalogs.cli.service.Errors;
import dev.lambdalogs.contract.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * Makes the Glue database, the table over the archive and the view {@code logs}, or brings them up
 * to date: each is read first, and only what is missing or different is written, so that a second
 * run changes nothing.
 */
public final class AthenaSetup {
  /** What setup did, or would do, to each of the three. */
  public enum Action {
    CREATED,
    UPDATED,
    UP_TO_DATE
  }

  /** The outcome: an action each. */
  public record Done(Action database, Action table, Action view) {}

  private final GlueClient glue;

  public AthenaSetup(GlueClient glue) {
    this.glue = glue;
  }

  /** What needs doing, from reads alone. */
  public Done plan(AthenaTable table) {
    Action database = database(table.database()) ? Action.UP_TO_DATE : Action.CREATED;
    Optional<Table> existing =
        database == Action.CREATED ? Optional.empty() : table(table, AthenaTable.TABLE);
    Action events =
        existing.isEmpty()
            ? Action.CREATED
            : table.sameAs(existing.get()) ? Action.UP_TO_DATE : Action.UPDATED;
    Optional<Table> view =
        database == Action.CREATED ? Optional.empty() : table(table, AthenaTable.VIEW);
    Action logs =
        view.isEmpty()
            ? Action.CREATED
            : table.viewSql().equals(originalSql(view.get())) ? Action.UP_TO_DATE : Action.UPDATED;
    return new Done(database, events, logs);
  }

  /**
   * Carries out a plan: the database and table through Glue, the view through Athena (whose engine
   * alone writes a view Athena can read).
   */
  public void apply(AthenaTable table, Done plan, AthenaEngine athena, Consumer<String> progress) {
    String db = table.database();
    if (plan.database() == Action.CREATED) {
      progress.accept("creating the Glue database " + db);
      Errors.run(
          "glue:CreateDatabase",
          "database " + db,
          () ->
              glue.createDatabase(
                  b ->
                      b.databaseInput(
                          d ->
                              d.name(db)
                                  .description("lambdalogs: the Lambda logs archived in S3"))));
    }
    String resource = "table " + db + "." + AthenaTable.TABLE;
    if (plan.table() == Action.CREATED) {
      progress.accept("creating the table " + db + "." + AthenaTable.TABLE);
      Errors.run(
          "glue:CreateTable",
          resource,
          () -> glue.createTable(b -> b.databaseName(db).tableInput(table.input())));
    } else if (plan.table() == Action.UPDATED) {
      progress.accept("updating the table " + db + "." + AthenaTable.TABLE);
      Errors.run(
          "glue:UpdateTable",
          resource,
          () -> glue.updateTable(b -> b.databaseName(db).tableInput(table.input())));
    }
    if (plan.view() != Action.UP_TO_DATE) {
      progress.accept("creating the view " + db + "." + AthenaTable.VIEW + " through athena");
      athena.execute(table.viewDdl());
    }
  }

  private boolean database(String name) {
    return Errors.call(
        "glue:GetDatabase",
        "database " + name,
        () -> {
          try {
            glue.getDatabase(b -> b.name(name));
            return true;
          } catch (EntityNotFoundException e) {
            return false;
          }
        });
  }

  private Optional<Table> table(AthenaTable table, String name) {
    return Errors.call(
        "glue:GetTable",
        "table " + table.database() + "." + name,
        () -> {
          try {
            return Optional.of(
                glue.getTable(b -> b.databaseName(table.database()).name(name)).table());
          } catch (EntityNotFoundException e) {
            return Optional.empty();
          }
        });
  }

  /**
   * The SQL a view was made from: Athena keeps it as {@code /* Presto View: <base64 of JSON>
   * *}{@code /} in the table's original text.
   */
  static String originalSql(Table view) {
    String text = view.viewOriginalText();
    String head = "/* Presto View: ";
    if (text == null || !text.startsWith(head) || !text.endsWith(" */")) {
      return null;
    }
    try {
      String json =
          new String(
              Base64.getDecoder().decode(text.substring(head.length(), text.length() - 3)),
              StandardCharsets.UTF_8);
      return Json.parse(json) instanceof Map<?, ?> m && m.get("originalSql") instanceof String s
          ? s
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
