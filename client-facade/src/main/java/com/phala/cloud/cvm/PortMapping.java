package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.PortMapping.*;

import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A port forwarded from the node to the VM. */
public final class PortMapping extends ApiObject {
  private static final Set<String> KNOWN =
      KnownFields.of(com.phala.cloud.generated.model.PortMapping.class);

  PortMapping(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The protocol, such as {@code tcp} (required). */
  public String protocol() {
    return requiredString(SERIALIZED_NAME_PROTOCOL);
  }

  /** The port on the node (required). */
  public int hostPort() {
    return requiredInt(SERIALIZED_NAME_HOST_PORT);
  }

  /** The port in the VM (required). */
  public int vmPort() {
    return requiredInt(SERIALIZED_NAME_VM_PORT);
  }

  /** The node address the port binds to. */
  public Optional<String> hostAddress() {
    return optionalString(SERIALIZED_NAME_HOST_ADDRESS);
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::protocol);
    check(problems, this::hostPort);
    check(problems, this::vmPort);
    check(problems, this::hostAddress);
  }
}
