package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.VmInfo.*;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.generated.model.VmInfo;
import com.phala.cloud.internal.HumanDuration;
import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the node's VM manager reports about a CVM's VM ({@code hosted}). */
public final class HostedVm extends ApiObject {
  private static final Set<String> KNOWN = KnownFields.of(VmInfo.class);

  HostedVm(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The VM's id on its node, a dashed UUID (required). */
  public String id() {
    return requiredString(SERIALIZED_NAME_ID);
  }

  /** The VM's name on its node (required). */
  public String name() {
    return requiredString(SERIALIZED_NAME_NAME);
  }

  /**
   * The VM manager's status (required): {@code running}, {@code exited}, {@code stopping}, {@code
   * stopped}, ...
   */
  public CvmStatus status() {
    return CvmStatus.of(requiredString(SERIALIZED_NAME_STATUS));
  }

  /**
   * How long the VM has run; empty for {@code "never"}.
   *
   * @throws PhalaInvalidDataException if {@code uptime} is missing or not a duration the VM manager
   *     writes (read it with {@link #uptimeRaw()})
   */
  public Optional<Duration> uptime() {
    return duration(SERIALIZED_NAME_UPTIME, uptimeRaw());
  }

  /** {@code uptime} exactly as sent, such as {@code "2h 30m 5s"} (required). */
  public String uptimeRaw() {
    return requiredString(SERIALIZED_NAME_UPTIME);
  }

  /** The app id, 40 hex characters (required). */
  public String appId() {
    return requiredString(SERIALIZED_NAME_APP_ID);
  }

  /** The app's landing page on the gateway. */
  public Optional<String> appUrl() {
    return optionalString(SERIALIZED_NAME_APP_URL);
  }

  /** The instance id, 40 hex characters. */
  public Optional<String> instanceId() {
    return optionalString(SERIALIZED_NAME_INSTANCE_ID);
  }

  /** The VM's configuration as deployed. */
  public Optional<CvmConfiguration> configuration() {
    return optionalObject(SERIALIZED_NAME_CONFIGURATION, CvmConfiguration::new);
  }

  /**
   * How long ago the VM exited; empty when absent or {@code "never"}.
   *
   * @throws PhalaInvalidDataException if it is not a duration (read it with {@link #exitedAtRaw()})
   */
  public Optional<Duration> exitedAt() {
    return exitedAtRaw().flatMap(raw -> duration(SERIALIZED_NAME_EXITED_AT, raw));
  }

  /** {@code exited_at} exactly as sent. */
  public Optional<String> exitedAtRaw() {
    return optionalString(SERIALIZED_NAME_EXITED_AT);
  }

  /** The last boot progress message; empty when absent or empty. */
  public Optional<String> bootProgress() {
    return optionalText(SERIALIZED_NAME_BOOT_PROGRESS);
  }

  /** The last boot error; empty when absent or the empty string (no error). */
  public Optional<String> bootError() {
    return optionalText(SERIALIZED_NAME_BOOT_ERROR);
  }

  /** The last shutdown progress message; empty when absent or empty. */
  public Optional<String> shutdownProgress() {
    return optionalText(SERIALIZED_NAME_SHUTDOWN_PROGRESS);
  }

  /** The dstack OS image version. */
  public Optional<String> imageVersion() {
    return optionalString(SERIALIZED_NAME_IMAGE_VERSION);
  }

  /** Lifecycle events reported by the guest, oldest first (empty when none). */
  public List<GuestEvent> events() {
    return objects(SERIALIZED_NAME_EVENTS, GuestEvent::new);
  }

  private Optional<Duration> duration(String name, String raw) {
    try {
      return HumanDuration.parse(raw);
    } catch (IllegalArgumentException | ArithmeticException notADuration) {
      throw invalid(
          name,
          "is not a duration such as \"2h 30m 5s\" or \"never\" ("
              + notADuration.getMessage()
              + ")");
    }
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::id);
    check(problems, this::name);
    check(problems, this::status);
    check(problems, this::uptime);
    check(problems, this::appId);
    check(problems, this::appUrl);
    check(problems, this::instanceId);
    check(
        problems,
        () -> configuration().ifPresent(configuration -> configuration.collectProblems(problems)));
    check(problems, this::exitedAt);
    check(problems, this::bootProgress);
    check(problems, this::bootError);
    check(problems, this::shutdownProgress);
    check(problems, this::imageVersion);
    checkAll(problems, this::events, safe(this::events));
  }
}
