package com.phala.cloud.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The number of tries of a jqwik property in each {@link Mode}: jqwik's own {@code tries} must be a
 * constant, so this hook sets it when the property starts. {@code -Dreliability.tries=N} overrides
 * every property's count (for a soak run).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@AddLifecycleHook(Tries.ByMode.class)
public @interface Tries {
  /** Tries in quick mode (the default run). */
  int quick() default 1_000;

  /** Tries in long mode ({@code -Dreliability=long}). */
  int longMode() default 10_000;

  /** Sets the tries from the annotation and the mode. */
  final class ByMode implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(
        PropertyLifecycleContext context, PropertyExecutor property) {
      Integer override = Integer.getInteger("reliability.tries");
      context
          .findAnnotation(Tries.class)
          .ifPresent(
              tries ->
                  context
                      .attributes()
                      .setTries(
                          override != null
                              ? override
                              : Mode.pick(tries.quick(), tries.longMode())));
      return property.execute();
    }
  }
}
