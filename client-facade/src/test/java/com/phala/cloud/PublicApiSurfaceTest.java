package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's public API speaks in its own types: no Retrofit or Gson type appears in a public
 * signature outside the internal package, except {@code Cvm.generated()}, the documented way to
 * reach the generated model. (OkHttp's {@code OkHttpClient} is accepted on purpose, by {@code
 * Builder.okHttpClient}.)
 */
class PublicApiSurfaceTest {
  private static final List<String> FOREIGN =
      List.of("retrofit2.", "com.google.gson.", "com.phala.cloud.internal.");

  @Test
  void publicSignaturesUseNoRetrofitGsonOrInternalTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicApiClasses()) {
      for (Method method : type.getMethods()) {
        if (method.getDeclaringClass() == type
            && !(type.getSimpleName().equals("Cvm") && method.getName().equals("generated"))) {
          check(type, method, method.getGenericReturnType(), leaks);
          checkParameters(type, method, leaks);
        }
      }
      for (Constructor<?> constructor : type.getConstructors()) {
        checkParameters(type, constructor, leaks);
      }
      if (type.getSuperclass() != null) {
        check(type, null, type.getGenericSuperclass(), leaks);
      }
    }
    assertThat(leaks).isEmpty();
  }

  /**
   * The check above reads public members only ({@code getMethods}, {@code getConstructors}). The
   * one public class with protected members of internal types is {@code ApiObject}: its one
   * constructor and its one abstract method take the views' runtime, which code outside the module
   * cannot name, so that no one else can extend it ({@code ModuleBoundaryTest}). This makes that
   * exception explicit, so no other class can start exposing Gson or internals through protected
   * members unnoticed.
   */
  @Test
  void onlyApiObjectsProtectedRuntimeUsesGsonOrInternalTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicApiClasses()) {
      if (type.getName().equals("com.phala.cloud.cvm.ApiObject")) {
        continue;
      }
      // A final class's protected members are no one's API (as in PublicApiDumpTest).
      for (Method method : type.getDeclaredMethods()) {
        if (Modifier.isProtected(method.getModifiers()) && !Modifier.isFinal(type.getModifiers())) {
          check(type, method, method.getGenericReturnType(), leaks);
          checkParameters(type, method, leaks);
        }
      }
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (Modifier.isProtected(constructor.getModifiers())) {
          checkParameters(type, constructor, leaks);
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void theScanSeesTheTypesOfBothShapes() throws Exception {
    assertThat(publicApiClasses())
        .extracting(Class::getName)
        .contains(
            "com.phala.cloud.cvm.Cvm",
            "com.phala.cloud.cvm.CvmList",
            "com.phala.cloud.cvm.CvmInfo",
            "com.phala.cloud.cvm.CvmInfoList",
            "com.phala.cloud.cvm.CvmInfoStream",
            "com.phala.cloud.cvm.CvmResourceInfo",
            "com.phala.cloud.cvm.NodeRef",
            "com.phala.cloud.cvm.WorkspaceRef",
            "com.phala.cloud.cvm.UserRef",
            "com.phala.cloud.cvm.ApiVersion",
            "com.phala.cloud.cvm.KmsType",
            "com.phala.cloud.cvm.BillingPeriod",
            "com.phala.cloud.cvm.ApiObject");
  }

  @Test
  void theGeneratedModelIsReachableFromACvm() throws Exception {
    Method generated = Class.forName("com.phala.cloud.cvm.Cvm").getMethod("generated");
    assertThat(generated.getReturnType().getName())
        .isEqualTo("com.phala.cloud.generated.model.HostedCvm");
  }

  private static void checkParameters(Class<?> type, Executable executable, List<String> leaks) {
    for (Type parameter : executable.getGenericParameterTypes()) {
      check(type, executable, parameter, leaks);
    }
  }

  private static void check(Class<?> type, Executable where, Type used, List<String> leaks) {
    String name = used.getTypeName();
    for (String foreign : FOREIGN) {
      if (name.contains(foreign)) {
        leaks.add(
            type.getName()
                + (where == null ? " extends " : "." + where.getName() + " uses ")
                + name);
      }
    }
  }

  /** Every public class compiled from src/main outside the internal package. */
  private static List<Class<?>> publicApiClasses()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path root =
        Path.of(PhalaCloud.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        if (!name.startsWith("com.phala.cloud.internal") && !name.equals("module-info")) {
          Class<?> type = Class.forName(name);
          if (Modifier.isPublic(type.getModifiers())) {
            classes.add(type);
          }
        }
      }
    }
    assertThat(classes).hasSizeGreaterThan(20);
    return classes;
  }
}
