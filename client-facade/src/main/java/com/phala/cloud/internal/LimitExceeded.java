package com.phala.cloud.internal;

import java.io.IOException;

/**
 * A limit of {@link com.phala.cloud.ResponseLimits} was passed while reading a body. An {@link
 * IOException} so it leaves Gson's reader as it came; the readers turn it into a {@link
 * com.phala.cloud.errors.PhalaInvalidDataException} with the JSON path.
 */
public final class LimitExceeded extends IOException {
  private static final long serialVersionUID = 1L;

  /** The option of {@code ResponseLimits} that raises the limit. */
  public final String option;

  LimitExceeded(String option, long limit, String what) {
    super(String.format("more than %,d %s", limit, what));
    this.option = option;
  }
}
