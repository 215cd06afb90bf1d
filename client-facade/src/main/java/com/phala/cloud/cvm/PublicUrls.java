package com.phala.cloud.cvm;

import static com.phala.cloud.generated.model.CvmNetworkUrls.*;

import com.phala.cloud.generated.model.CvmNetworkUrls;
import com.phala.cloud.internal.KnownFields;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.util.List;
import java.util.Set;

/** The public URLs of one app of a CVM. */
public final class PublicUrls extends ApiObject {
  private static final Set<String> KNOWN = KnownFields.of(CvmNetworkUrls.class);

  PublicUrls(JsonObjectNode json, String path) {
    super(json, path, KNOWN);
  }

  /** The app's URL, shared by every instance (required). */
  public String app() {
    return requiredString(SERIALIZED_NAME_APP);
  }

  /** This instance's own URL (required). */
  public String instance() {
    return requiredString(SERIALIZED_NAME_INSTANCE);
  }

  @Override
  void collectProblems(List<String> problems) {
    check(problems, this::app);
    check(problems, this::instance);
  }
}
