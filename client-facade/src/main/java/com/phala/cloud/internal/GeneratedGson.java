package com.phala.cloud.internal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.generated.invoker.JSON;
import java.util.List;

/** Binds received JSON to the generated model classes, for callers who want them. */
public final class GeneratedGson {
  private static final Gson GSON = new JSON().getGson();

  private GeneratedGson() {}

  /**
   * {@code json} bound to {@code model} with the generated Gson configuration.
   *
   * @throws PhalaInvalidDataException naming {@code path} if it does not fit the model
   */
  /**
   * {@code value} as Gson's tree, which Gson binds as it always did: no nesting limit of its reader
   * (the tree was read under the client's), numbers converted as Gson converts a tree's.
   */
  private static JsonElement gsonTree(Object value) {
    if (value instanceof JsonMembers) {
      JsonMembers members = (JsonMembers) value;
      JsonObject object = new JsonObject();
      for (int i = 0; i < members.size(); i++) {
        object.add(members.name(i), gsonTree(members.value(i)));
      }
      return object;
    } else if (value instanceof List) {
      JsonArray array = new JsonArray();
      ((List<?>) value).forEach(item -> array.add(gsonTree(item)));
      return array;
    } else if (value instanceof String) {
      return new JsonPrimitive((String) value);
    } else if (value instanceof Number) {
      return new JsonPrimitive((Number) value);
    } else if (value instanceof Boolean) {
      return new JsonPrimitive((Boolean) value);
    }
    return JsonNull.INSTANCE;
  }

  public static <T> T bind(JsonMembers json, Class<T> model, String path) {
    try {
      return GSON.fromJson(gsonTree(json), model);
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
