package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.CvmNode.*;

import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The node (teepod) a CVM runs on. */
public final class CvmNode extends ApiObject {
  private static final Set<String> KNOWN =
      KnownFields.of(com.phala.cloud.generated.model.CvmNode.class);

  CvmNode(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The node's numeric id, what the {@code teepod_id} filter takes (required). */
  public long id() {
    return requiredLenientLong(SERIALIZED_NAME_ID);
  }

  /** The node's name (required). */
  public String name() {
    return requiredString(SERIALIZED_NAME_NAME);
  }

  /** The node's region, such as {@code us-west}. */
  public Optional<String> regionIdentifier() {
    return optionalString(SERIALIZED_NAME_REGION_IDENTIFIER);
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::id);
    check(problems, this::name);
    check(problems, this::regionIdentifier);
  }
}
