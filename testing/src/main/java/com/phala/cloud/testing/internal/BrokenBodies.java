package com.phala.cloud.testing.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.function.Consumer;

/**
 * Lists that break the contract in one known way, for leniency tests: the first CVM of a served
 * list loses a required field, gets a field of the wrong type, or gains fields the contract does
 * not know. Both shapes require {@code name}, a string, so each break works on either.
 */
public final class BrokenBodies {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private BrokenBodies() {}

  /** {@code list} whose first CVM has no {@code name}. */
  public static String missingRequiredField(String list) {
    return onFirst(list, cvm -> cvm.remove("name"));
  }

  /** {@code list} whose first CVM has a number as its {@code name}. */
  public static String wrongType(String list) {
    return onFirst(list, cvm -> cvm.addProperty("name", 42));
  }

  /** {@code list} whose first CVM has fields the contract does not declare. */
  public static String unknownFields(String list) {
    return onFirst(
        list,
        cvm -> {
          cvm.addProperty("carbon_footprint", "added by the server after this contract");
          JsonObject nested = new JsonObject();
          nested.addProperty("hourly_rate", "0.0580");
          cvm.add("billing_extra", nested);
        });
  }

  private static String onFirst(String list, Consumer<JsonObject> change) {
    JsonElement parsed = JsonParser.parseString(list);
    if (!parsed.isJsonArray() || parsed.getAsJsonArray().isEmpty()) {
      throw new IllegalStateException(
          "A broken body breaks the first CVM of the served list, and that list is empty: serve"
              + " a CVM first.");
    }
    JsonArray array = parsed.getAsJsonArray();
    change.accept(array.get(0).getAsJsonObject());
    return GSON.toJson(array);
  }
}
