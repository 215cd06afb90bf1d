package com.phala.cloud.cvm;

import java.util.Locale;
import java.util.Optional;

/**
 * A CVM's status: an open set. The API adds states without notice, so a status is its raw string
 * plus, when it is one this library knows, a {@link Known} constant. Unknown states are kept, never
 * an error. The pattern of every open set of the contract ({@link OpenEnum}), with the questions
 * people ask of a status; known states match without regard to case.
 */
public final class CvmStatus extends OpenEnum<CvmStatus.Known> {
  /** The states this version of the library knows. */
  public enum Known {
    /** Up and serving. */
    RUNNING,
    /** Stopped by its owner. */
    STOPPED,
    /** Booting. */
    STARTING,
    /** Shutting down. */
    STOPPING,
    /** The VM process ended (crashed or powered off from inside). */
    EXITED,
    /** Restarting. */
    RESTARTING,
    /** Being created. */
    CREATING,
    /** Being upgraded. */
    UPGRADING,
    /** Being deleted. */
    DELETING,
    /** Paused by the platform for maintenance. */
    MAINTENANCE,
    /** Gone for good. */
    TERMINATED,
    /** Failed. */
    ERROR
  }

  private CvmStatus(String value) {
    super(value, match(value));
  }

  private static Known match(String value) {
    for (Known candidate : Known.values()) {
      if (candidate.name().equalsIgnoreCase(value)) {
        return candidate;
      }
    }
    return null;
  }

  /** The status for a raw API string (any string is accepted). */
  public static CvmStatus of(String value) {
    return new CvmStatus(value == null ? "" : value);
  }

  /** The status for a known state. */
  public static CvmStatus of(Known known) {
    return new CvmStatus(known.name().toLowerCase(Locale.ROOT));
  }

  /** Whether this is {@link Known#RUNNING}. */
  public boolean isRunning() {
    return is(Known.RUNNING);
  }

  /**
   * Whether the CVM is between states: starting, stopping, restarting, creating, upgrading,
   * deleting, or any unknown {@code ...ing} state.
   */
  public boolean isTransitional() {
    Optional<Known> state = known();
    if (state.isPresent()) {
      return switch (state.get()) {
        case STARTING, STOPPING, RESTARTING, CREATING, UPGRADING, DELETING -> true;
        default -> false;
      };
    }
    return value().toLowerCase(Locale.ROOT).endsWith("ing");
  }

  /** Equal when the raw strings are equal, ignoring case. */
  @Override
  public boolean equals(Object other) {
    return other instanceof CvmStatus && ((CvmStatus) other).value().equalsIgnoreCase(value());
  }

  @Override
  public int hashCode() {
    return value().toLowerCase(Locale.ROOT).hashCode();
  }
}
