package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.ManagedUser.*;

import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Set;

/** The user who owns a CVM. */
public final class ManagedUser extends ApiObject {
  private static final Set<String> KNOWN =
      KnownFields.of(com.phala.cloud.generated.model.ManagedUser.class);

  ManagedUser(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /**
   * The user's numeric id (required; a numeric string is accepted too, as Phala's JavaScript SDK
   * does).
   */
  public long id() {
    return requiredLenientLong(SERIALIZED_NAME_ID);
  }

  /** The user's name (required). */
  public String username() {
    return requiredString(SERIALIZED_NAME_USERNAME);
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::id);
    check(problems, this::username);
  }
}
