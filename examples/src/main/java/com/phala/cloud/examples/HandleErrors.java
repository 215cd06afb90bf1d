package com.phala.cloud.examples;

import com.phala.cloud.CvmShape;
import com.phala.cloud.PhalaCloud;
import com.phala.cloud.errors.PermissionDeniedException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.errors.PhalaInvalidInputException;
import com.phala.cloud.errors.PhalaIoException;
import com.phala.cloud.errors.PhalaServiceException;
import com.phala.cloud.errors.RateLimitException;
import com.phala.cloud.errors.UnauthorizedException;
import java.io.PrintStream;

/** What to do about each kind of failure. Every exception is a {@code PhalaException}. */
public final class HandleErrors {
  private HandleErrors() {}

  /** Runs the example with the environment's configuration. */
  public static void main(String[] args) {
    run(PhalaCloud.builder().fromEnv(), System.out);
  }

  /**
   * Builds a client from {@code builder}, lists, and explains any failure; returns what it printed
   * last.
   */
  public static String run(PhalaCloud.Builder builder, PrintStream out) {
    String outcome;
    try (PhalaCloud client = builder.build()) {
      outcome = client.cvms().list(CvmShape.LEGACY).size() + " CVMs";
    } catch (PhalaInvalidInputException e) {
      outcome = "Fix the configuration, nothing was sent: " + e.getMessage();
    } catch (UnauthorizedException | PermissionDeniedException e) {
      outcome =
          "Check the credential (HTTP "
              + e.statusCode()
              + ", request id "
              + e.requestId().orElse("none")
              + "): "
              + e.getMessage();
    } catch (RateLimitException e) {
      outcome =
          "Slow down; retry after "
              + e.retryAfter().map(d -> d.toSeconds() + " s").orElse("a while");
    } catch (PhalaServiceException e) {
      outcome =
          "The API refused (HTTP "
              + e.statusCode()
              + ", "
              + e.body().errorCode().orElse("no code")
              + "): "
              + e.getMessage();
    } catch (PhalaIoException e) {
      outcome = "Network trouble, try again later: " + e.getMessage();
    } catch (PhalaInvalidDataException e) {
      outcome = "The response was unusable at " + e.where() + ": " + e.snippet();
    }
    out.println(outcome);
    return outcome;
  }
}
