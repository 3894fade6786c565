package dev.flowexec.sdk.apibaseline;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A module's public API as a stable, sorted text: every type users can reach (public, or protected
 * inside one, in a package without an {@code internal} segment) with its header (modifiers, type
 * parameters, accessible supertypes), then its public and protected constructors, fields and
 * methods with their generic signatures, one per line. Members a public type inherits from a
 * package-private superclass are listed as its own, because users call them on it.
 */
public final class ApiDump {
  private ApiDump() {}

  /**
   * Dumps the API of the classes under {@code classes}, loading them (without initializing them)
   * through {@code loader}.
   *
   * @param classes a module's {@code target/classes}
   * @param loader a class loader that sees those classes and their dependencies
   * @return the lines of the dump, types in name order, each type's members sorted
   * @throws IOException if the directory cannot be read
   */
  public static List<String> dump(Path classes, ClassLoader loader) throws IOException {
    TreeMap<String, List<String>> types = new TreeMap<>();
    List<String> names;
    try (Stream<Path> walk = Files.walk(classes)) {
      names =
          walk.map(classes::relativize)
              .map(p -> p.toString().replace('\\', '/'))
              .filter(
                  p ->
                      p.endsWith(".class")
                          && !p.endsWith("module-info.class")
                          && !p.endsWith("package-info.class"))
              .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
              .collect(Collectors.toList());
    }
    for (String name : names) {
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load " + name + " to dump its API: " + e, e);
      }
      if (isApi(type)) {
        types.put(type.getTypeName(), describe(type));
      }
    }
    List<String> lines = new ArrayList<>();
    types.values().forEach(lines::addAll);
    return lines;
  }

  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    String packageName = "." + type.getPackageName() + ".";
    return !packageName.contains(".internal.") && isAccessible(type);
  }

  private static boolean isAccessible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int modifiers = t.getModifiers();
      boolean visible =
          t.getDeclaringClass() == null
              ? Modifier.isPublic(modifiers)
              : Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
      if (!visible) {
        return false;
      }
    }
    return true;
  }

  private static List<String> describe(Class<?> type) {
    List<String> lines = new ArrayList<>();
    lines.add(header(type));
    Set<String> members = new TreeSet<>();
    for (Class<?> c = type; c != null && (c == type || !isAccessible(c)); c = c.getSuperclass()) {
      // a package-private superclass's members are called on the public type
      for (Constructor<?> constructor :
          c == type ? c.getDeclaredConstructors() : new Constructor<?>[0]) {
        if (visible(constructor)) {
          members.add(constructor.toGenericString());
        }
      }
      for (Field field : c.getDeclaredFields()) {
        if (visible(field)) {
          members.add(shorten(field.toGenericString(), field));
        }
      }
      for (Method method : c.getDeclaredMethods()) {
        if (visible(method) && !method.isBridge()) {
          members.add(shorten(method.toGenericString(), method));
        }
      }
    }
    members.forEach(m -> lines.add("  " + m));
    return lines;
  }

  private static boolean visible(Member member) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic()
        && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers));
  }

  /**
   * Drops the declaring type from a member's name: {@code a.B.name(...)} becomes {@code name(...)}.
   */
  private static String shorten(String signature, Member member) {
    return signature.replace(
        member.getDeclaringClass().getTypeName() + "." + member.getName(), member.getName());
  }

  private static String header(Class<?> type) {
    StringBuilder header = new StringBuilder(type.toGenericString());
    Type superclass = type.getGenericSuperclass();
    Class<?> rawSuper = type.getSuperclass();
    while (rawSuper != null && !isAccessible(rawSuper)) { // say what users can see
      superclass = rawSuper.getGenericSuperclass();
      rawSuper = rawSuper.getSuperclass();
    }
    if (rawSuper != null && rawSuper != Object.class && !type.isEnum()) {
      header.append(" extends ").append(superclass.getTypeName());
    }
    List<String> interfaces = new ArrayList<>();
    Class<?>[] raw = type.getInterfaces();
    Type[] generic = type.getGenericInterfaces();
    for (int i = 0; i < raw.length; i++) {
      if (isAccessible(raw[i]) && !type.isAnnotation()) {
        interfaces.add(generic[i].getTypeName());
      }
    }
    if (!interfaces.isEmpty()) {
      header
          .append(type.isInterface() ? " extends " : " implements ")
          .append(String.join(", ", interfaces));
    }
    return header.toString();
  }
}
