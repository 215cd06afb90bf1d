package com.phala.cloud.internal;

import com.google.gson.Gson;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.generated.invoker.JSON;

/** Binds received JSON to the generated model classes, for callers who want them. */
public final class GeneratedGson {
  private static final Gson GSON = new JSON().getGson();

  private GeneratedGson() {}

  /**
   * {@code json} bound to {@code model} with the generated Gson configuration.
   *
   * @throws PhalaInvalidDataException naming {@code path} if it does not fit the model
   */
  public static <T> T bind(JsonMembers json, Class<T> model, String path) {
    try {
      return GSON.fromJson(JsonMembers.toJson(json), model);
    } catch (RuntimeException doesNotFit) {
      throw new PhalaInvalidDataException(
          path
              + " does not fit the generated model "
              + model.getSimpleName()
              + ": "
              + doesNotFit.getMessage(),
          path,
          "",
          doesNotFit);
    }
  }
}
