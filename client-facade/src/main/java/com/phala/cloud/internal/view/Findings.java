package com.phala.cloud.internal.view;

import com.phala.cloud.cvm.ApiObject;
import com.phala.cloud.errors.ContractProblem;
import com.phala.cloud.errors.PhalaInvalidDataException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * What a walk over a view and the views inside it found: problems and unknown fields. {@code walk}
 * is {@link ApiObject}'s walk over one view, for the views inside.
 */
public final class Findings {
  private final List<ContractProblem> problems = new ArrayList<>();
  private final Map<String, Object> unknown = new LinkedHashMap<>();
  private final BiConsumer<ApiObject, Findings> walk;

  /** Findings of a walk that goes into a nested view with {@code walk}. */
  public Findings(BiConsumer<ApiObject, Findings> walk) {
    this.walk = walk;
  }

  /** The problems found, in the order met. */
  public List<ContractProblem> problems() {
    return problems;
  }

  /** The unknown members found, by path, in the order met. */
  public Map<String, Object> unknown() {
    return unknown;
  }

  private void add(PhalaInvalidDataException problem) {
    problems.add(
        new ContractProblem(
            problem.where(),
            problem.kind().orElse(ContractProblem.Kind.INVALID_VALUE),
            problem.getMessage()));
  }

  /** Runs {@code accessor}, recording the problem it reports instead of throwing. */
  public void check(Runnable accessor) {
    try {
      accessor.run();
    } catch (PhalaInvalidDataException problem) {
      add(problem);
    }
  }

  /** Records the problems of what {@code accessor} returns (a view, optional view or list). */
  public void checkView(Supplier<?> accessor) {
    try {
      Object value = accessor.get();
      value = value instanceof Optional ? ((Optional<?>) value).orElse(null) : value;
      for (Object view : value instanceof List ? (List<?>) value : Collections.singleton(value)) {
        if (view instanceof ApiObject) {
          walk.accept((ApiObject) view, this);
        }
      }
    } catch (PhalaInvalidDataException problem) {
      add(problem);
    }
  }

  /** Records a problem if the string {@code name} is present but not one of {@code allowed}. */
  public void checkEnum(ViewJson json, String name, Set<String> allowed) {
    Object value = json.json().get(name);
    // A value of the wrong type is the accessor's problem, already recorded once.
    if (value instanceof String && !allowed.contains(value)) {
      add(
          json.invalid(
              ContractProblem.Kind.NOT_IN_ENUM,
              name,
              "is not one of the contract's values " + allowed));
    }
  }

  /**
   * Records a problem if the number {@code name} is present but below {@code minimum} or above
   * {@code maximum} (either may be {@code null}: no bound), compared exactly.
   */
  public void checkRange(ViewJson json, String name, String minimum, String maximum) {
    Object value = json.json().get(name);
    // A value of the wrong type is the accessor's problem, already recorded once.
    if (!(value instanceof Number)) {
      return;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(value.toString());
    } catch (NumberFormatException beyondBigDecimal) {
      // Such as 1e9999999999: valid JSON, but past any bound the contract can give.
      add(json.invalid(ContractProblem.Kind.INVALID_VALUE, name, "is out of any range"));
      return;
    }
    if (minimum != null && number.compareTo(new BigDecimal(minimum)) < 0) {
      add(
          json.invalid(
              ContractProblem.Kind.INVALID_VALUE,
              name,
              "is below the contract's minimum " + minimum));
    } else if (maximum != null && number.compareTo(new BigDecimal(maximum)) > 0) {
      add(
          json.invalid(
              ContractProblem.Kind.INVALID_VALUE,
              name,
              "is above the contract's maximum " + maximum));
    }
  }
}
