package com.phala.cloud.cvm;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test fixture: the contract's example responses as the client-generated jar ships them, fresh
 * Gson trees of them to edit, and the edits the tests need (set or remove a member by dotted path,
 * null every optional member, compare JSON with numbers exactly as written).
 */
public final class Examples {
  /**
   * Three CVMs: running with everything, stopped with GPUs and nulls, starting with no
   * configuration.
   */
  public static final String FULL = "cvms-full.json";

  /** One CVM with only the required fields. */
  public static final String MINIMAL = "cvms-minimal.json";

  private static final String BASE = "META-INF/phala-cloud/openapi/examples/";

  /**
   * Required members of each object kind, from the contract (everything else may be absent or
   * null).
   */
  private static final Map<String, Set<String>> REQUIRED =
      Map.ofEntries(
          Map.entry("cvm", Set.of("hosted", "name", "status", "public_urls")),
          Map.entry("hosted", Set.of("id", "name", "status", "uptime", "app_id")),
          Map.entry("configuration", Set.of("name", "image", "vcpu", "memory", "disk_size")),
          Map.entry("compose_file", Set.of("name")),
          Map.entry("port", Set.of("protocol", "host_port", "vm_port")),
          Map.entry("gpu_config", Set.of("gpus")),
          Map.entry("gpu", Set.of("slot")),
          Map.entry("event", Set.of("event", "body")),
          Map.entry("managed_user", Set.of("id", "username")),
          Map.entry("node", Set.of("id", "name")),
          Map.entry("kms_info", Set.of("id", "url", "version")),
          Map.entry("public_url", Set.of("app", "instance")));

  /** The kind of the object (or of each object of the array) under "kind.member". */
  private static final Map<String, String> CHILDREN =
      Map.ofEntries(
          Map.entry("cvm.hosted", "hosted"),
          Map.entry("cvm.public_urls", "public_url"),
          Map.entry("cvm.managed_user", "managed_user"),
          Map.entry("cvm.node", "node"),
          Map.entry("cvm.kms_info", "kms_info"),
          Map.entry("hosted.configuration", "configuration"),
          Map.entry("hosted.events", "event"),
          Map.entry("configuration.compose_file", "compose_file"),
          Map.entry("configuration.ports", "port"),
          Map.entry("configuration.gpus", "gpu_config"),
          Map.entry("gpu_config.gpus", "gpu"));

  private Examples() {}

  /** The example's exact text. */
  public static String text(String example) {
    try (InputStream in = Examples.class.getClassLoader().getResourceAsStream(BASE + example)) {
      assertThat(in).as("example %s on the test classpath", BASE + example).isNotNull();
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh tree of the example, to read expectations from or to edit. */
  public static JsonArray tree(String example) {
    return JsonParser.parseString(text(example)).getAsJsonArray();
  }

  /** A fresh copy of one CVM of the example. */
  public static JsonObject cvm(String example, int index) {
    return tree(example).get(index).getAsJsonObject();
  }

  /** The example read by the library. */
  public static CvmList list(String example) {
    return CvmList.parse(text(example));
  }

  /** A list of these CVMs (trees or any other JSON values) read by the library. */
  public static CvmList listOf(JsonElement... items) {
    JsonArray array = new JsonArray();
    for (JsonElement item : items) {
      array.add(item);
    }
    return CvmList.parse(array.toString());
  }

  /** One CVM read by the library, as the only item of a list (so its path is {@code $[0]}). */
  public static Cvm one(JsonObject cvm) {
    return listOf(cvm).get(0);
  }

  /**
   * Sets the member at a dotted path ({@code hosted.configuration.vcpu}, array indexes as numbers:
   * {@code hosted.events.0.timestamp}) to a Java value (String, Number, Boolean, null) or a
   * JsonElement. The parents must exist. Returns {@code root}.
   */
  public static JsonObject set(JsonObject root, String path, Object value) {
    String member = last(path);
    JsonElement parent = parent(root, path);
    JsonElement json = toJson(value);
    if (parent.isJsonArray()) {
      parent.getAsJsonArray().set(Integer.parseInt(member), json);
    } else {
      parent.getAsJsonObject().add(member, json);
    }
    return root;
  }

  /** Removes the member at a dotted path; see {@link #set}. Returns {@code root}. */
  public static JsonObject remove(JsonObject root, String path) {
    JsonElement parent = parent(root, path);
    assertThat(parent.getAsJsonObject().remove(last(path)))
        .as("member %s to remove", path)
        .isNotNull();
    return root;
  }

  /** The value at a dotted path; see {@link #set}. */
  public static JsonElement get(JsonObject root, String path) {
    JsonElement parent = parent(root, path);
    String member = last(path);
    return parent.isJsonArray()
        ? parent.getAsJsonArray().get(Integer.parseInt(member))
        : parent.getAsJsonObject().get(member);
  }

  /**
   * {@code cvm} with every optional member at every level set to null. With {@code keepObjects},
   * optional objects and arrays of objects stay (with their own optional members nulled) so the
   * views inside them can be read; without, they become null too.
   */
  public static JsonObject withOptionalMembersNull(JsonObject cvm, boolean keepObjects) {
    nullOptionals("cvm", cvm, keepObjects);
    return cvm;
  }

  /**
   * The dotted paths of every required member in {@code cvm} at every level, such as {@code
   * hosted.configuration.compose_file.name} or {@code public_urls.0.app}.
   */
  public static List<String> requiredPaths(JsonObject cvm) {
    List<String> paths = new ArrayList<>();
    collectRequired("cvm", cvm, "", paths);
    return paths;
  }

  /**
   * Asserts that {@code actual} is the same JSON as {@code expected}: the same tree, members in the
   * same order, and every number written with exactly the same digits.
   */
  public static void assertSameJson(String actual, String expected) {
    JsonElement actualTree = JsonParser.parseString(actual);
    JsonElement expectedTree = JsonParser.parseString(expected);
    assertThat(actualTree).isEqualTo(expectedTree);
    // Gson keeps each number's literal and each object's order, so its serialisation is exact.
    assertThat(actualTree.toString()).isEqualTo(expectedTree.toString());
  }

  private static void nullOptionals(String kind, JsonObject object, boolean keepObjects) {
    for (Map.Entry<String, JsonElement> member : object.entrySet()) {
      String childKind = CHILDREN.get(kind + "." + member.getKey());
      JsonElement value = member.getValue();
      if (keepObjects && childKind != null && !value.isJsonNull()) {
        if (value.isJsonArray()) {
          value
              .getAsJsonArray()
              .forEach(item -> nullOptionals(childKind, item.getAsJsonObject(), true));
        } else {
          nullOptionals(childKind, value.getAsJsonObject(), true);
        }
      } else if (!REQUIRED.get(kind).contains(member.getKey())) {
        member.setValue(JsonNull.INSTANCE);
      } else if (childKind != null && !value.isJsonNull()) {
        // A required member that holds objects (hosted, public_urls, gpus.gpus): recurse.
        if (value.isJsonArray()) {
          value
              .getAsJsonArray()
              .forEach(item -> nullOptionals(childKind, item.getAsJsonObject(), keepObjects));
        } else {
          nullOptionals(childKind, value.getAsJsonObject(), keepObjects);
        }
      }
    }
  }

  private static void collectRequired(
      String kind, JsonObject object, String prefix, List<String> paths) {
    for (Map.Entry<String, JsonElement> member : object.entrySet()) {
      String path = prefix + member.getKey();
      if (REQUIRED.get(kind).contains(member.getKey())) {
        paths.add(path);
      }
      String childKind = CHILDREN.get(kind + "." + member.getKey());
      JsonElement value = member.getValue();
      if (childKind != null && value.isJsonArray()) {
        for (int i = 0; i < value.getAsJsonArray().size(); i++) {
          collectRequired(
              childKind,
              value.getAsJsonArray().get(i).getAsJsonObject(),
              path + "." + i + ".",
              paths);
        }
      } else if (childKind != null && value.isJsonObject()) {
        collectRequired(childKind, value.getAsJsonObject(), path + ".", paths);
      }
    }
  }

  private static JsonElement parent(JsonObject root, String path) {
    JsonElement at = root;
    String[] steps = path.split("\\.");
    for (int i = 0; i < steps.length - 1; i++) {
      at =
          at.isJsonArray()
              ? at.getAsJsonArray().get(Integer.parseInt(steps[i]))
              : at.getAsJsonObject().get(steps[i]);
      assertThat(at).as("parent %s of %s", steps[i], path).isNotNull();
    }
    return at;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static JsonElement toJson(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    } else if (value instanceof JsonElement) {
      return (JsonElement) value;
    } else if (value instanceof String) {
      return new JsonPrimitive((String) value);
    } else if (value instanceof Number) {
      return new JsonPrimitive((Number) value);
    } else if (value instanceof Boolean) {
      return new JsonPrimitive((Boolean) value);
    }
    throw new IllegalArgumentException("not a JSON value: " + value);
  }
}
