package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.HostedCvm.*;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.generated.model.HostedCvm;
import com.phala.cloud.internal.GeneratedGson;
import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One CVM as the list returns it: the cloud's record (name, status, project, billing, network) and,
 * in {@link #hosted()}, what its node reports about the running VM. Read-only; see {@link
 * ApiObject} for unknown fields, exact JSON and how data that breaks the contract is handled.
 */
public final class Cvm extends ApiObject {
  private static final Set<String> KNOWN = KnownFields.of(HostedCvm.class);

  Cvm(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** What the node's VM manager reports about the VM (required). */
  public HostedVm hosted() {
    return requiredObject(SERIALIZED_NAME_HOSTED, HostedVm::new);
  }

  /** The CVM's name (required). */
  public String name() {
    return requiredString(SERIALIZED_NAME_NAME);
  }

  /** The cloud-level status (required): an open set, see {@link CvmStatus}. */
  public CvmStatus status() {
    return CvmStatus.of(requiredString(SERIALIZED_NAME_STATUS));
  }

  /** Whether the status is running. */
  public boolean isRunning() {
    return status().isRunning();
  }

  /** Whether an operation is under way: {@link #inProgress()} or a transitional status. */
  public boolean isTransitional() {
    return inProgress() || status().isTransitional();
  }

  /** The public URLs, one entry per exposed app (required; may be empty). */
  public List<PublicUrls> publicUrls() {
    return requiredObjects(SERIALIZED_NAME_PUBLIC_URLS, PublicUrls::new);
  }

  /** The owner; empty when unassigned. */
  public Optional<ManagedUser> managedUser() {
    return optionalObject(SERIALIZED_NAME_MANAGED_USER, ManagedUser::new);
  }

  /** The node the CVM runs on; empty when not placed. */
  public Optional<CvmNode> node() {
    return optionalObject(SERIALIZED_NAME_NODE, CvmNode::new);
  }

  /** Whether it is listed publicly (default false). */
  public boolean listed() {
    return bool(SERIALIZED_NAME_LISTED, false);
  }

  /** Whether an operation is under way (default false). */
  public boolean inProgress() {
    return bool(SERIALIZED_NAME_IN_PROGRESS, false);
  }

  /** Its dashboard URL. */
  public Optional<String> dappDashboardUrl() {
    return optionalString(SERIALIZED_NAME_DAPP_DASHBOARD_URL);
  }

  /** The URL that streams its system log. */
  public Optional<String> syslogEndpoint() {
    return optionalString(SERIALIZED_NAME_SYSLOG_ENDPOINT);
  }

  /** Whether its compose may be upgraded in place (default false). */
  public boolean allowUpgrade() {
    return bool(SERIALIZED_NAME_ALLOW_UPGRADE, false);
  }

  /**
   * The project it belongs to.
   *
   * @throws PhalaInvalidDataException if the server sent a malformed id (read it with {@link
   *     #projectIdRaw()})
   */
  public Optional<ProjectId> projectId() {
    return projectIdRaw()
        .map(
            raw ->
                hashedId(
                    SERIALIZED_NAME_PROJECT_ID,
                    raw,
                    ProjectId.PREFIX,
                    "project id",
                    "projectIdRaw",
                    ProjectId::parse));
  }

  /** The project id exactly as sent, valid or not. */
  public Optional<String> projectIdRaw() {
    return optionalString(SERIALIZED_NAME_PROJECT_ID);
  }

  /** The kind of project (for example {@code webdapp}). */
  public Optional<String> projectType() {
    return optionalString(SERIALIZED_NAME_PROJECT_TYPE);
  }

  /** The billing period (for example {@code hourly}). */
  public Optional<String> billingPeriod() {
    return optionalString(SERIALIZED_NAME_BILLING_PERIOD);
  }

  /** The key management service it uses. */
  public Optional<KmsInfo> kmsInfo() {
    return optionalObject(SERIALIZED_NAME_KMS_INFO, KmsInfo::new);
  }

  /** The on-chain address of its app contract (on-chain KMS only). */
  public Optional<String> contractAddress() {
    return optionalString(SERIALIZED_NAME_CONTRACT_ADDRESS);
  }

  /** The on-chain address of the account that deployed its app contract. */
  public Optional<String> deployerAddress() {
    return optionalString(SERIALIZED_NAME_DEPLOYER_ADDRESS);
  }

  /** Its virtual CPUs, as the cloud records them. */
  public OptionalInt vcpu() {
    return optionalInt(SERIALIZED_NAME_VCPU);
  }

  /** Its memory in MB, as the cloud records it. */
  public OptionalInt memoryMb() {
    return optionalInt(SERIALIZED_NAME_MEMORY);
  }

  /** Its disk size in GB, as the cloud records it. */
  public OptionalInt diskSizeGb() {
    return optionalInt(SERIALIZED_NAME_DISK_SIZE);
  }

  /** The gateway's base domain that serves its public URLs. */
  public Optional<String> gatewayDomain() {
    return optionalString(SERIALIZED_NAME_GATEWAY_DOMAIN);
  }

  /**
   * This CVM bound to the generated model, for anything this view does not cover.
   *
   * @throws PhalaInvalidDataException if it does not fit the generated model (a field of the wrong
   *     type)
   */
  public HostedCvm generated() {
    return GeneratedGson.bind(json, HostedCvm.class, path());
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::name);
    check(problems, this::status);
    check(problems, () -> hosted().collectProblems(problems));
    checkAll(problems, this::publicUrls, safe(this::publicUrls));
    check(problems, () -> managedUser().ifPresent(user -> user.collectProblems(problems)));
    check(problems, () -> node().ifPresent(node -> node.collectProblems(problems)));
    check(problems, () -> kmsInfo().ifPresent(kms -> kms.collectProblems(problems)));
    check(problems, this::listed);
    check(problems, this::inProgress);
    check(problems, this::allowUpgrade);
    check(problems, this::dappDashboardUrl);
    check(problems, this::syslogEndpoint);
    check(problems, this::projectId);
    check(problems, this::projectType);
    check(problems, this::billingPeriod);
    check(problems, this::contractAddress);
    check(problems, this::deployerAddress);
    check(problems, this::vcpu);
    check(problems, this::memoryMb);
    check(problems, this::diskSizeGb);
    check(problems, this::gatewayDomain);
  }

  /** A short description: name, status and project, whatever state the data is in. */
  @Override
  public String toString() {
    return "Cvm{name="
        + json.get(SERIALIZED_NAME_NAME)
        + ", status="
        + json.get(SERIALIZED_NAME_STATUS)
        + ", project="
        + json.get(SERIALIZED_NAME_PROJECT_ID)
        + "}";
  }
}
