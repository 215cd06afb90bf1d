package com.phala.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's public API, generated views included, is the committed dump {@value #DUMP}: every
 * public type outside {@code internal} with its public and protected members, as their Java
 * signatures, sorted. A change of the API, such as a property renamed in the contract, fails the
 * build until the dump is updated in the same change, so it is a reviewed diff (as OkHttp and
 * Kotlin libraries keep {@code .api} files). Update it with {@code ./mvnw -pl client-facade -am
 * verify -Dtest=PublicApiDumpTest -Dsurefire.failIfNoSpecifiedTests=false -Dphala.api.update=true}.
 */
class PublicApiDumpTest {
  static final String DUMP = "api/phala-cloud-client.api";

  @Test
  void thePublicApiIsTheCommittedDump() throws Exception {
    List<String> actual = dump();
    Path file = Path.of(DUMP);
    if (Boolean.getBoolean("phala.api.update")) {
      Files.write(file, actual, StandardCharsets.UTF_8);
    }
    List<String> committed =
        Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();

    Set<String> added = new LinkedHashSet<>(actual);
    committed.forEach(added::remove);
    Set<String> removed = new LinkedHashSet<>(committed);
    actual.forEach(removed::remove);
    assertThat(added.size() + removed.size())
        .as(
            "The public API differs from %s.%nAdded:%n  %s%nRemoved:%n  %s%nIf the change is meant,"
                + " run the build with -Dphala.api.update=true and commit the new %s with it (see"
                + " this test's Javadoc).",
            DUMP, String.join("\n  ", added), String.join("\n  ", removed), DUMP)
        .isZero();
    assertThat(actual).isEqualTo(committed);
  }

  @Test
  void theDumpSeesTypesMembersAndGenerics() throws Exception {
    List<String> dump = dump();

    assertThat(dump)
        .contains(
            "public final class com.phala.cloud.PhalaCloud implements java.lang.AutoCloseable",
            "  public <L> L list(com.phala.cloud.CvmShape<L, ?>)",
            "public final class com.phala.cloud.cvm.CvmHourlyRate extends"
                + " com.phala.cloud.cvm.ApiObject")
        .anySatisfy(
            line -> assertThat(line).contains("filter(java.util.function.Predicate<? super T>)"))
        // The one exception, on purpose: ApiObject's constructor and its one abstract method take
        // types of a package the module does not export, so no code outside can extend it.
        .containsAll(CLOSED)
        .filteredOn(line -> !CLOSED.contains(line))
        .noneSatisfy(line -> assertThat(line).contains("com.phala.cloud.internal."));
  }

  private static final List<String> CLOSED =
      List.of(
          "  protected com.phala.cloud.cvm.ApiObject(com.phala.cloud.internal.view.ViewJson)",
          "  protected abstract void" + " collectProblems(com.phala.cloud.internal.view.Findings)");

  /** The API, a line per type and an indented line per member, types and members sorted. */
  static List<String> dump() throws IOException, URISyntaxException, ClassNotFoundException {
    List<String> lines = new ArrayList<>();
    for (Class<?> type : apiTypes()) {
      lines.add(declaration(type));
      Set<String> members = new TreeSet<>();
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor)) {
          members.add(signature(type, constructor, constructor.toGenericString()));
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method) && !method.isSynthetic() && !method.isBridge()) {
          members.add(signature(type, method, method.toGenericString()));
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field) && !field.isSynthetic()) {
          members.add(signature(type, field, field.toGenericString()));
        }
      }
      members.forEach(member -> lines.add("  " + member));
    }
    return lines;
  }

  /** A member's signature without its class's name before its own; deprecation is API too. */
  private static String signature(Class<?> type, Member member, String generic) {
    String deprecated =
        ((java.lang.reflect.AnnotatedElement) member).isAnnotationPresent(Deprecated.class)
            ? "@Deprecated "
            : "";
    return deprecated + generic.replace(" " + type.getName() + ".", " ");
  }

  private static boolean visible(Member member) {
    int modifiers = member.getModifiers();
    return Modifier.isPublic(modifiers)
        || Modifier.isProtected(modifiers)
            && !Modifier.isFinal(member.getDeclaringClass().getModifiers());
  }

  private static String declaration(Class<?> type) {
    String kind =
        type.isAnnotation()
            ? "@interface"
            : type.isInterface()
                ? "interface"
                : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
    int modifiers = type.getModifiers() & ~Modifier.INTERFACE;
    if (type.isInterface()) {
      modifiers &= ~Modifier.ABSTRACT;
    }
    if (type.isEnum() || type.isRecord()) {
      modifiers &= ~(Modifier.FINAL | Modifier.STATIC);
    }
    StringBuilder line = new StringBuilder(Modifier.toString(modifiers));
    line.append(' ').append(kind).append(' ').append(type.getTypeName());
    if (type.getTypeParameters().length > 0) {
      line.append(
          Arrays.stream(type.getTypeParameters())
              .map(parameter -> parameter.getName() + bounds(parameter.getBounds()))
              .collect(Collectors.joining(", ", "<", ">")));
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      line.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0 && !type.isAnnotation()) {
      line.append(type.isInterface() ? " extends " : " implements ")
          .append(
              Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    return line.toString().strip();
  }

  private static String bounds(Type[] bounds) {
    List<String> named =
        Arrays.stream(bounds)
            .filter(bound -> bound != Object.class)
            .map(Type::getTypeName)
            .toList();
    return named.isEmpty() ? "" : " extends " + String.join(" & ", named);
  }

  /** Every type a user can name: public, outside {@code internal}, nested only in such types. */
  private static List<Class<?>> apiTypes()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path root =
        Path.of(PhalaCloud.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(file -> file.toString().endsWith(".class"))
          .map(
              file ->
                  root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .filter(name -> !name.startsWith("com.phala.cloud.internal") && name.contains("."))
          .forEach(names::add);
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      Class<?> type = Class.forName(name, false, PhalaCloud.class.getClassLoader());
      if (reachable(type)) {
        types.add(type);
      }
    }
    return types;
  }

  private static boolean reachable(Class<?> type) {
    for (Class<?> at = type; at != null; at = at.getDeclaringClass()) {
      if (!Modifier.isPublic(at.getModifiers()) || at.isAnonymousClass() || at.isLocalClass()) {
        return false;
      }
    }
    return true;
  }
}
