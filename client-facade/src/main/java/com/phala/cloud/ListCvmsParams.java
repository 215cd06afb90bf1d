package com.phala.cloud;

import com.phala.cloud.cvm.UserId;
import com.phala.cloud.errors.PhalaInvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The filters of a CVM listing, sent to the API. Both are admin-only and optional; values are
 * validated when set, so nothing malformed is ever sent.
 *
 * <p>Both filters are deprecated, as the contract marks them: since 2026-07 Phala's own SDKs refuse
 * them on list calls. They keep working here, because Phala's reference page documents them and the
 * server may still honour them; the setters carry {@code @Deprecated} so that code relying on them
 * hears of it at compile time, not when the server stops honouring them.
 *
 * <pre>{@code
 * ListCvmsParams.builder().userId("usr_0123abcd").teepodId(12).build()
 * }</pre>
 */
public final class ListCvmsParams {
  private static final ListCvmsParams NONE = new Builder().build();

  private final String userId;
  private final Long teepodId;

  private ListCvmsParams(Builder builder) {
    this.userId = builder.userId;
    this.teepodId = builder.teepodId;
  }

  /** No filters: every CVM of the caller's workspace. */
  public static ListCvmsParams none() {
    return NONE;
  }

  /** A builder with no filters set. */
  public static Builder builder() {
    return new Builder();
  }

  /** The owner filter: {@code "0"} (CVMs with no owner) or a {@code usr_} id. */
  public Optional<String> userId() {
    return Optional.ofNullable(userId);
  }

  /** The node filter: a node's numeric id. */
  public OptionalLong teepodId() {
    return teepodId == null ? OptionalLong.empty() : OptionalLong.of(teepodId);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ListCvmsParams
        && Objects.equals(((ListCvmsParams) other).userId, userId)
        && Objects.equals(((ListCvmsParams) other).teepodId, teepodId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, teepodId);
  }

  @Override
  public String toString() {
    return "ListCvmsParams{userId=" + userId + ", teepodId=" + teepodId + "}";
  }

  /** Builds {@link ListCvmsParams}; each setter validates its value. */
  public static final class Builder {
    private String userId;
    private Long teepodId;

    private Builder() {}

    /**
     * Lists the CVMs of one owner (admin only).
     *
     * @param userId {@code "0"} for CVMs with no owner, or a hashed user id such as {@code
     *     usr_0123abcd}; {@code null} clears the filter
     * @throws PhalaInvalidInputException if it is neither
     * @deprecated Admin-only, and refused by Phala's own SDKs since 2026-07; the server may still
     *     honour it. Kept (not for removal) because the reference page documents it.
     */
    @Deprecated
    public Builder userId(String userId) {
      if (userId != null && !userId.equals("0")) {
        // Name both accepted forms: the user id's own message knows only the usr_ form.
        UserId.parse(userId, "user_id, unless it is '0' (CVMs with no owner),");
      }
      this.userId = userId;
      return this;
    }

    /**
     * Lists the CVMs of one owner (admin only).
     *
     * @deprecated Admin-only, and refused by Phala's own SDKs since 2026-07; the server may still
     *     honour it. Kept (not for removal) because the reference page documents it.
     */
    @Deprecated
    public Builder userId(UserId userId) {
      this.userId = userId == null ? null : userId.toString();
      return this;
    }

    /**
     * Lists the CVMs on one node (admin only).
     *
     * @param teepodId the node's id, a positive integer
     * @throws PhalaInvalidInputException if it is zero or negative
     * @deprecated Admin-only, and refused by Phala's own SDKs since 2026-07; the server may still
     *     honour it. Kept (not for removal) because the reference page documents it.
     */
    @Deprecated
    public Builder teepodId(long teepodId) {
      if (teepodId <= 0) {
        throw new PhalaInvalidInputException(
            "teepod_id must be a positive integer (a node id), but was " + teepodId + ".");
      }
      this.teepodId = teepodId;
      return this;
    }

    /** Removes the node filter. */
    public Builder clearTeepodId() {
      this.teepodId = null;
      return this;
    }

    /** The parameters. */
    public ListCvmsParams build() {
      return new ListCvmsParams(this);
    }
  }
}
