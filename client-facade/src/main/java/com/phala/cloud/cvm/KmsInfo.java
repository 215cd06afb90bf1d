package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.KMSInfo.*;

import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.generated.model.KMSInfo;
import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The key management service (KMS) a CVM uses. */
public final class KmsInfo extends ApiObject {
  private static final Set<String> KNOWN = KnownFields.of(KMSInfo.class);

  KmsInfo(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /**
   * The KMS's hashed id (required).
   *
   * @throws PhalaInvalidDataException if it is missing or malformed (read it with {@link #idRaw()})
   */
  public KmsId id() {
    return hashedId(SERIALIZED_NAME_ID, idRaw(), KmsId.PREFIX, "KMS id", "idRaw", KmsId::parse);
  }

  /** The id exactly as sent, valid or not (required). */
  public String idRaw() {
    return requiredString(SERIALIZED_NAME_ID);
  }

  /** A human-readable name. */
  public Optional<String> slug() {
    return optionalString(SERIALIZED_NAME_SLUG);
  }

  /** The KMS endpoint URL (required). */
  public String url() {
    return requiredString(SERIALIZED_NAME_URL);
  }

  /** The KMS software version (required). */
  public String version() {
    return requiredString(SERIALIZED_NAME_VERSION);
  }

  /** The blockchain chain id, for an on-chain KMS. */
  public OptionalLong chainId() {
    return optionalLong(SERIALIZED_NAME_CHAIN_ID);
  }

  /** The KMS contract's address, for an on-chain KMS. */
  public Optional<String> kmsContractAddress() {
    return optionalString(SERIALIZED_NAME_KMS_CONTRACT_ADDRESS);
  }

  /** The gateway's application id. */
  public Optional<String> gatewayAppId() {
    return optionalString(SERIALIZED_NAME_GATEWAY_APP_ID);
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::id);
    check(problems, this::slug);
    check(problems, this::url);
    check(problems, this::version);
    check(problems, this::chainId);
    check(problems, this::kmsContractAddress);
    check(problems, this::gatewayAppId);
  }
}
