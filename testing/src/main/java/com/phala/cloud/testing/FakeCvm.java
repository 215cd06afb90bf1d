package com.phala.cloud.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A CVM for the fake to serve, built with only the fields a test cares about: every field the
 * contract requires is filled with a valid value, so the CVM is valid against the contract in both
 * shapes ({@code Cvm} for {@code X-Phala-Version} 2025-10-28, {@code CvmInfo} for later versions).
 * Ids are derived from the name, so the same name gives the same ids. Immutable.
 *
 * <pre>{@code
 * fake.serve(
 *     FakeCvm.named("api").withStatus("running").withVcpu(2),
 *     FakeCvm.named("worker").withStatus("stopping").withInProgress(true));
 * }</pre>
 */
public final class FakeCvm {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final String name;
  // Set only on a fresh copy, before it is returned: every FakeCvm is effectively immutable.
  private String status = "running";
  private String appId;
  private String projectId;
  private Integer vcpu;
  private Integer memoryMb;
  private Integer diskSizeGb;
  private String uptime = "1h 0m 0s";
  private boolean inProgress;
  private Map<String, JsonElement> legacyFields = Map.of();
  private Map<String, JsonElement> currentFields = Map.of();

  private FakeCvm(String name) {
    this.name = name;
    this.appId = sha1Hex(name);
  }

  /** A running CVM named {@code name}, with ids derived from the name. */
  public static FakeCvm named(String name) {
    return new FakeCvm(Objects.requireNonNull(name, "name"));
  }

  /** This CVM with the cloud-level {@code status} (any string: running, stopping, ...). */
  public FakeCvm withStatus(String status) {
    FakeCvm copy = copy();
    copy.status = Objects.requireNonNull(status, "status");
    return copy;
  }

  /** This CVM with app id {@code appId} (40 hexadecimal characters in the real API). */
  public FakeCvm withAppId(String appId) {
    FakeCvm copy = copy();
    copy.appId = Objects.requireNonNull(appId, "appId");
    return copy;
  }

  /** This CVM in project {@code projectId} ({@code prj_...}; the legacy shape only). */
  public FakeCvm withProjectId(String projectId) {
    FakeCvm copy = copy();
    copy.projectId = projectId;
    return copy;
  }

  /** This CVM with {@code vcpu} virtual CPUs. */
  public FakeCvm withVcpu(int vcpu) {
    FakeCvm copy = copy();
    copy.vcpu = vcpu;
    return copy;
  }

  /** This CVM with {@code memoryMb} MB of memory (served as GB in the current shape). */
  public FakeCvm withMemoryMb(int memoryMb) {
    FakeCvm copy = copy();
    copy.memoryMb = memoryMb;
    return copy;
  }

  /** This CVM with a disk of {@code diskSizeGb} GB. */
  public FakeCvm withDiskSizeGb(int diskSizeGb) {
    FakeCvm copy = copy();
    copy.diskSizeGb = diskSizeGb;
    return copy;
  }

  /** This CVM up for {@code uptime}, as the API writes it ({@code "2h 30m 5s"}; legacy shape). */
  public FakeCvm withUptime(String uptime) {
    FakeCvm copy = copy();
    copy.uptime = Objects.requireNonNull(uptime, "uptime");
    return copy;
  }

  /** This CVM with an operation under way, or not. */
  public FakeCvm withInProgress(boolean inProgress) {
    FakeCvm copy = copy();
    copy.inProgress = inProgress;
    return copy;
  }

  /**
   * This CVM costing {@code total} per hour ({@code hourly_rate.total} of the current shape), a
   * decimal number as the API writes it, such as {@code "0.0690"}.
   *
   * @throws IllegalArgumentException if it is not a decimal number
   */
  public FakeCvm withHourlyRate(String total) {
    try {
      new BigDecimal(Objects.requireNonNull(total, "total"));
    } catch (NumberFormatException notADecimal) {
      throw new IllegalArgumentException(
          "An hourly rate is a decimal number such as \"0.0690\", not \"" + total + "\".");
    }
    JsonObject rate = new JsonObject();
    rate.addProperty("total", total);
    return withCurrentField("hourly_rate", rate.toString());
  }

  /**
   * This CVM with a top-level field of the legacy shape set to {@code json} (any JSON text), for
   * the fields this builder does not name.
   */
  public FakeCvm withLegacyField(String field, String json) {
    FakeCvm copy = copy();
    copy.legacyFields = with(legacyFields, field, json);
    return copy;
  }

  /** This CVM with a top-level field of the current shape set to {@code json} (any JSON text). */
  public FakeCvm withCurrentField(String field, String json) {
    FakeCvm copy = copy();
    copy.currentFields = with(currentFields, field, json);
    return copy;
  }

  private static Map<String, JsonElement> with(
      Map<String, JsonElement> fields, String field, String json) {
    Map<String, JsonElement> more = new LinkedHashMap<>(fields);
    more.put(field, com.google.gson.JsonParser.parseString(json));
    return Collections.unmodifiableMap(more);
  }

  private FakeCvm copy() {
    FakeCvm copy = new FakeCvm(name);
    copy.status = status;
    copy.appId = appId;
    copy.projectId = projectId;
    copy.vcpu = vcpu;
    copy.memoryMb = memoryMb;
    copy.diskSizeGb = diskSizeGb;
    copy.uptime = uptime;
    copy.inProgress = inProgress;
    copy.legacyFields = legacyFields;
    copy.currentFields = currentFields;
    return copy;
  }

  /** This CVM in the legacy shape ({@code HostedCvm}, version 2025-10-28), as JSON. */
  public String toLegacyJson() {
    return GSON.toJson(legacy());
  }

  /** This CVM in the current shape ({@code CVMInfo}, versions 2026-01-21 and later), as JSON. */
  public String toCurrentJson() {
    return GSON.toJson(current());
  }

  JsonObject legacy() {
    JsonObject hosted = new JsonObject();
    hosted.addProperty(
        "id", UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    hosted.addProperty("name", name);
    hosted.addProperty("status", status);
    hosted.addProperty("uptime", uptime);
    hosted.addProperty("app_id", appId);
    JsonObject cvm = new JsonObject();
    cvm.add("hosted", hosted);
    cvm.addProperty("name", name);
    cvm.addProperty("status", status);
    cvm.addProperty("in_progress", inProgress);
    if (projectId != null) {
      cvm.addProperty("project_id", projectId);
    }
    if (vcpu != null) {
      cvm.addProperty("vcpu", vcpu);
    }
    if (memoryMb != null) {
      cvm.addProperty("memory", memoryMb);
    }
    if (diskSizeGb != null) {
      cvm.addProperty("disk_size", diskSizeGb);
    }
    cvm.add("public_urls", new JsonArray());
    legacyFields.forEach(cvm::add);
    return cvm;
  }

  JsonObject current() {
    JsonObject resource = new JsonObject();
    if (vcpu != null) {
      resource.addProperty("vcpu", vcpu);
    }
    if (memoryMb != null) {
      resource.addProperty(
          "memory_in_gb",
          BigDecimal.valueOf(memoryMb).divide(BigDecimal.valueOf(1024), 3, RoundingMode.HALF_UP));
    }
    if (diskSizeGb != null) {
      resource.addProperty("disk_in_gb", diskSizeGb);
    }
    JsonObject cvm = new JsonObject();
    cvm.addProperty("id", "cvm_" + sha1Hex("cvm:" + name).substring(0, 12));
    cvm.addProperty("name", name);
    cvm.addProperty("status", status);
    cvm.addProperty("app_id", appId);
    cvm.addProperty("in_progress", inProgress);
    cvm.add("resource", resource);
    cvm.add("gateway", new JsonObject());
    currentFields.forEach(cvm::add);
    return cvm;
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JDK", e);
    }
  }

  /** The CVM's name and status, for messages. */
  @Override
  public String toString() {
    return "FakeCvm[" + name + ", " + status + "]";
  }
}
