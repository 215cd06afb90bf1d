package com.phala.cloud.internal;

import com.phala.cloud.ResponseLimits;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;

/** JSON text read into the views' tree, as the library reads a body, for tests that make views. */
public final class TestTrees {
  private TestTrees() {}

  /** {@code json}, a JSON object, as the tree a view reads. */
  public static JsonMembers object(String json) {
    try {
      ResponseLimits limits = ResponseLimits.DEFAULTS;
      return (JsonMembers)
          JsonTree.read(JsonTree.strictReader(new StringReader(json), limits), limits);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
