package com.phala.cloud.cvm;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls every public accessor of a view, and of every view, status and id it leads to, by
 * reflection: so a new accessor is covered the day it is added. Public for the reliability suite,
 * which walks every accessor of every hostile body it decodes.
 */
public final class Accessors {
  private Accessors() {}

  /**
   * What every accessor threw, keyed by the call chain such as {@code Cvm.hosted().uptime()}; empty
   * when none threw.
   */
  public static Map<String, Throwable> failures(ApiObject root) {
    Map<String, Throwable> failures = new LinkedHashMap<>();
    walk(root, root.getClass().getSimpleName(), failures, new ArrayList<>());
    return failures;
  }

  /**
   * Every view reachable from {@code root} through accessors that do not throw, {@code root} first.
   */
  public static List<ApiObject> views(ApiObject root) {
    List<ApiObject> views = new ArrayList<>();
    walk(root, root.getClass().getSimpleName(), new LinkedHashMap<>(), views);
    return views;
  }

  private static void walk(
      Object value, String chain, Map<String, Throwable> failures, List<ApiObject> views) {
    if (value instanceof Optional) {
      ((Optional<?>) value).ifPresent(present -> walk(present, chain, failures, views));
      return;
    }
    if (value instanceof Collection) {
      int index = 0;
      for (Object item : (Collection<?>) value) {
        walk(item, chain + "[" + index++ + "]", failures, views);
      }
      return;
    }
    if (!(value instanceof ApiObject || value instanceof CvmStatus || value instanceof HashedId)) {
      return;
    }
    if (value instanceof ApiObject) {
      views.add((ApiObject) value);
      ApiObject view = (ApiObject) value;
      for (String name : view.fields().keySet()) {
        call(chain + ".field(" + name + ")", failures, () -> view.field(name));
      }
      call(chain + ".field(no_such_member)", failures, () -> view.field("no_such_member"));
    }
    List<Method> accessors = new ArrayList<>();
    for (Method method : value.getClass().getMethods()) {
      if (method.getParameterCount() == 0
          && !Modifier.isStatic(method.getModifiers())
          && method.getDeclaringClass() != Object.class) {
        accessors.add(method);
      }
    }
    accessors.sort(Comparator.comparing(Method::getName));
    for (Method accessor : accessors) {
      String call = chain + "." + accessor.getName() + "()";
      Object result = call(call, failures, () -> invoke(accessor, value));
      walk(result, call, failures, views);
    }
  }

  private interface Call {
    Object run() throws Throwable;
  }

  private static Object call(String chain, Map<String, Throwable> failures, Call call) {
    try {
      return call.run();
    } catch (Throwable failure) {
      failures.put(chain, failure);
      return null;
    }
  }

  private static Object invoke(Method accessor, Object target) throws Throwable {
    try {
      return accessor.invoke(target);
    } catch (InvocationTargetException thrown) {
      throw thrown.getCause();
    }
  }
}
