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
  private final String status;
  private final String appId;
  private final String projectId;
  private final Integer vcpu;
  private final Integer memoryMb;
  private final Integer diskSizeGb;
  private final String uptime;
  private final boolean inProgress;
  private final Map<String, JsonElement> legacyFields;
  private final Map<String, JsonElement> currentFields;

  private FakeCvm(
      String name,
      String status,
      String appId,
      String projectId,
      Integer vcpu,
      Integer memoryMb,
      Integer diskSizeGb,
      String uptime,
      boolean inProgress,
      Map<String, JsonElement> legacyFields,
      Map<String, JsonElement> currentFields) {
    this.name = name;
    this.status = status;
    this.appId = appId;
    this.projectId = projectId;
    this.vcpu = vcpu;
    this.memoryMb = memoryMb;
    this.diskSizeGb = diskSizeGb;
    this.uptime = uptime;
    this.inProgress = inProgress;
    this.legacyFields = Map.copyOf(legacyFields);
    this.currentFields = Map.copyOf(currentFields);
  }

  /** A running CVM named {@code name}, with ids derived from the name. */
  public static FakeCvm named(String name) {
    Objects.requireNonNull(name, "name");
    return new FakeCvm(
        name,
        "running",
        sha1Hex(name),
        null,
        null,
        null,
        null,
        "1h 0m 0s",
        false,
        Map.of(),
        Map.of());
  }

  /** This CVM with the cloud-level {@code status} (any string: running, stopping, ...). */
  public FakeCvm withStatus(String status) {
    Objects.requireNonNull(status, "status");
    return copy(status, appId, projectId, vcpu, memoryMb, diskSizeGb, uptime, inProgress);
  }

  /** This CVM with app id {@code appId} (40 hexadecimal characters in the real API). */
  public FakeCvm withAppId(String appId) {
    Objects.requireNonNull(appId, "appId");
    return copy(status, appId, projectId, vcpu, memoryMb, diskSizeGb, uptime, inProgress);
  }

  /** This CVM in project {@code projectId} ({@code prj_...}; the legacy shape only). */
  public FakeCvm withProjectId(String projectId) {
    return copy(status, appId, projectId, vcpu, memoryMb, diskSizeGb, uptime, inProgress);
  }

  /** This CVM with {@code vcpu} virtual CPUs. */
  public FakeCvm withVcpu(int vcpu) {
    return copy(status, appId, projectId, vcpu, memoryMb, diskSizeGb, uptime, inProgress);
  }

  /** This CVM with {@code memoryMb} MB of memory (served as GB in the current shape). */
  public FakeCvm withMemoryMb(int memoryMb) {
    return copy(status, appId, projectId, vcpu, memoryMb, diskSizeGb, uptime, inProgress);
  }

  /** This CVM with a disk of {@code diskSizeGb} GB. */
  public FakeCvm withDiskSizeGb(int diskSizeGb) {
    return copy(status, appId, projectId, vcpu, memoryMb, diskSizeGb, uptime, inProgress);
  }

  /** This CVM up for {@code uptime}, as the API writes it ({@code "2h 30m 5s"}; legacy shape). */
  public FakeCvm withUptime(String uptime) {
    Objects.requireNonNull(uptime, "uptime");
    return copy(status, appId, projectId, vcpu, memoryMb, diskSizeGb, uptime, inProgress);
  }

  /** This CVM with an operation under way, or not. */
  public FakeCvm withInProgress(boolean inProgress) {
    return copy(status, appId, projectId, vcpu, memoryMb, diskSizeGb, uptime, inProgress);
  }

  /**
   * This CVM with a top-level field of the legacy shape set to {@code json} (any JSON text), for
   * the fields this builder does not name.
   */
  public FakeCvm withLegacyField(String field, String json) {
    Map<String, JsonElement> more = new LinkedHashMap<>(legacyFields);
    more.put(field, com.google.gson.JsonParser.parseString(json));
    return new FakeCvm(
        name,
        status,
        appId,
        projectId,
        vcpu,
        memoryMb,
        diskSizeGb,
        uptime,
        inProgress,
        more,
        currentFields);
  }

  /** This CVM with a top-level field of the current shape set to {@code json} (any JSON text). */
  public FakeCvm withCurrentField(String field, String json) {
    Map<String, JsonElement> more = new LinkedHashMap<>(currentFields);
    more.put(field, com.google.gson.JsonParser.parseString(json));
    return new FakeCvm(
        name,
        status,
        appId,
        projectId,
        vcpu,
        memoryMb,
        diskSizeGb,
        uptime,
        inProgress,
        legacyFields,
        more);
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

  private FakeCvm copy(
      String status,
      String appId,
      String projectId,
      Integer vcpu,
      Integer memoryMb,
      Integer diskSizeGb,
      String uptime,
      boolean inProgress) {
    return new FakeCvm(
        name,
        status,
        appId,
        projectId,
        vcpu,
        memoryMb,
        diskSizeGb,
        uptime,
        inProgress,
        legacyFields,
        currentFields);
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
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
