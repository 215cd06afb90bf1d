package com.phala.cloud.cvm;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A value of an open set of the contract: the string the API sent ({@link #value()}), and the
 * constant of {@code K} it is when this library knows it ({@link #known()}). The API adds values
 * without notice, so a value the contract does not list yet is kept, never an error ({@code
 * validate()} reports it). Every open set of the contract is read this way: a CVM's status is a
 * {@link CvmStatus} (an open enum with questions of its own), and each enum of the contract, such
 * as {@link CvmInfo#kmsType()} of {@link KmsType}, is an {@code OpenEnum} of the enum generated
 * from it.
 *
 * @param <K> the enum of the values this library knows
 */
public class OpenEnum<K extends Enum<K>> {
  private final String value;
  private final K known;

  /** {@code value} as sent, and the constant it is, or {@code null} when unknown. */
  OpenEnum(String value, K known) {
    this.value = Objects.requireNonNull(value, "value");
    this.known = known;
  }

  /**
   * The open value for {@code value} as sent; {@code lookup} (such as {@code KmsType::of}) finds
   * the known constant, if any.
   */
  public static <K extends Enum<K>> OpenEnum<K> of(
      String value, Function<String, Optional<K>> lookup) {
    return new OpenEnum<>(value, lookup.apply(value).orElse(null));
  }

  /** The string the API sent. */
  public final String value() {
    return value;
  }

  /** The known constant, or empty for a value this library does not know yet. */
  public final Optional<K> known() {
    return Optional.ofNullable(known);
  }

  /** Whether this is {@code constant}. */
  public final boolean is(K constant) {
    return known != null && known == constant;
  }

  /** The string the API sent. */
  @Override
  public String toString() {
    return value;
  }

  /** Equal when of the same class and the strings sent are equal. */
  @Override
  public boolean equals(Object other) {
    return other != null
        && other.getClass() == getClass()
        && ((OpenEnum<?>) other).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
