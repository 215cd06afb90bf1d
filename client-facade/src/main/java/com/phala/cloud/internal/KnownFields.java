package com.phala.cloud.internal;

import com.google.gson.annotations.SerializedName;
import java.lang.reflect.Field;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The JSON member names a generated model class declares. The contract is the one source of truth
 * for which fields are known: a field it adds stops being "unknown" on the next build.
 */
public final class KnownFields {
  private KnownFields() {}

  /** The {@code @SerializedName} values of {@code model}'s fields. */
  public static Set<String> of(Class<?> model) {
    Set<String> names = new LinkedHashSet<>();
    for (Field field : model.getDeclaredFields()) {
      SerializedName name = field.getAnnotation(SerializedName.class);
      if (name != null) {
        names.add(name.value());
      }
    }
    return Collections.unmodifiableSet(names);
  }
}
