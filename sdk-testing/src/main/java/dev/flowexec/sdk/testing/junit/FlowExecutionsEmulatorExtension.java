package dev.flowexec.sdk.testing.junit;

import dev.flowexec.sdk.FlowExecutionsClient;
import dev.flowexec.sdk.testing.Flow;
import dev.flowexec.sdk.testing.FlowExecutionsEmulator;
import dev.flowexec.sdk.testing.TestClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The JUnit 5 extension behind {@link EmulatorTest}; use the annotation, or register this with
 * {@code @ExtendWith} to get its defaults. It resolves parameters of type {@link
 * FlowExecutionsEmulator}, {@link FlowExecutionsClient}, {@link FlowExecutionsClient.Builder} and
 * {@link TestClock} in test, lifecycle and constructor methods. Each injected client is new, wired
 * by {@link FlowExecutionsEmulator#clientBuilder()}, and closed after the test (or the class, when
 * injected into a {@code @BeforeAll} method) that asked for it.
 */
public final class FlowExecutionsEmulatorExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  /** The client every emulator of an {@link EmulatorTest} without {@link EmulatorClient} has. */
  static final String DEFAULT_CLIENT_ID = "test-client";

  static final String DEFAULT_CLIENT_SECRET = "test-secret";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FlowExecutionsEmulatorExtension.class);
  private static final String SESSION = "session";
  private static final String CLIENTS = "clients";

  /** Creates the extension; JUnit does this for {@link EmulatorTest}. */
  public FlowExecutionsEmulatorExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    if (lifecycle(testClass) == EmulatorTest.Lifecycle.PER_CLASS
        && (declaresOwn(testClass) || findSession(context) == null)) {
      context.getStore(NAMESPACE).put(SESSION, Session.start(testClass));
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (lifecycle(context.getRequiredTestClass()) == EmulatorTest.Lifecycle.PER_TEST) {
      context.getStore(NAMESPACE).put(SESSION, Session.start(context.getRequiredTestClass()));
    } else {
      requireSession(context).emulator.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    closeOwned(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    closeOwned(context);
  }

  /** Closes the clients made for this context, then the emulator if this context started it. */
  private static void closeOwned(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    RuntimeException failure = null;
    @SuppressWarnings("unchecked")
    List<FlowExecutionsClient> clients =
        (List<FlowExecutionsClient>) store.remove(clientsKey(context));
    if (clients != null) {
      for (FlowExecutionsClient client : clients) {
        try {
          client.close();
        } catch (RuntimeException e) {
          failure = failure == null ? e : failure;
        }
      }
    }
    Session session = store.remove(SESSION, Session.class);
    if (session != null) {
      session.emulator.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FlowExecutionsEmulator.class
        || type == FlowExecutionsClient.class
        || type == FlowExecutionsClient.Builder.class
        || type == TestClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Parameter p = parameter.getParameter();
    Session session = findSession(context);
    if (session == null) {
      throw new ParameterResolutionException(
          "no emulator is running for "
              + p
              + " in "
              + context.getDisplayName()
              + ": with lifecycle PER_TEST the emulator starts before each "
              + "test, so inject it into test and @BeforeEach/@AfterEach methods, not @BeforeAll or "
              + "the constructor (or use lifecycle PER_CLASS)");
    }
    Class<?> type = p.getType();
    if (type == FlowExecutionsEmulator.class) {
      return session.emulator;
    }
    if (type == TestClock.class) {
      if (session.clock == null) {
        throw new ParameterResolutionException(
            "there is no TestClock for "
                + p
                + ": "
                + context.getRequiredTestClass().getSimpleName()
                + " runs on the system clock "
                + "(@EmulatorTest(virtualTime = false)); remove virtualTime = false to get one");
      }
      return session.clock;
    }
    FlowExecutionsClient.Builder builder;
    try {
      builder =
          parameter
              .findAnnotation(UseClient.class)
              .map(use -> session.emulator.clientBuilder(use.value()))
              .orElseGet(session.emulator::clientBuilder);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ParameterResolutionException(
          "cannot make a client for " + p + ": " + e.getMessage(), e);
    }
    if (type == FlowExecutionsClient.Builder.class) {
      return builder;
    }
    FlowExecutionsClient client = builder.build();
    ownedClients(context).add(client);
    return client;
  }

  @SuppressWarnings("unchecked")
  private static List<FlowExecutionsClient> ownedClients(ExtensionContext context) {
    // Keyed by context: a plain key would also find the list of an enclosing context.
    return (List<FlowExecutionsClient>)
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                clientsKey(context), key -> new ArrayList<FlowExecutionsClient>());
  }

  private static String clientsKey(ExtensionContext context) {
    return CLIENTS + context.getUniqueId();
  }

  private static Session requireSession(ExtensionContext context) {
    Session session = findSession(context);
    if (session == null) {
      throw new ExtensionConfigurationException(
          "no emulator is running for "
              + context.getDisplayName()
              + "; is FlowExecutionsEmulatorExtension registered on its class?");
    }
    return session;
  }

  private static Session findSession(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(SESSION, Session.class); // looks in the parents too
  }

  /**
   * Whether the class carries settings of its own (a nested class without them shares its
   * parent's).
   */
  private static boolean declaresOwn(Class<?> testClass) {
    return testClass.getEnclosingClass() == null
        || testClass.isAnnotationPresent(EmulatorTest.class)
        || testClass.getDeclaredAnnotationsByType(EmulatorFlow.class).length > 0
        || testClass.getDeclaredAnnotationsByType(EmulatorClient.class).length > 0;
  }

  private static EmulatorTest.Lifecycle lifecycle(Class<?> testClass) {
    return settings(testClass)
        .map(EmulatorTest::lifecycle)
        .orElse(EmulatorTest.Lifecycle.PER_CLASS);
  }

  /** The nearest {@link EmulatorTest}: on the class, its superclasses, or enclosing classes. */
  private static Optional<EmulatorTest> settings(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      Optional<EmulatorTest> found = AnnotationSupport.findAnnotation(c, EmulatorTest.class);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** One running emulator, with its clock. */
  private static final class Session {
    final FlowExecutionsEmulator emulator;
    final TestClock clock;

    private Session(FlowExecutionsEmulator emulator, TestClock clock) {
      this.emulator = emulator;
      this.clock = clock;
    }

    static Session start(Class<?> testClass) {
      Optional<EmulatorTest> test = settings(testClass);
      FlowExecutionsEmulator.Builder builder = FlowExecutionsEmulator.builder();
      TestClock clock = null;
      if (test.map(EmulatorTest::virtualTime).orElse(true)) {
        String start = test.map(EmulatorTest::clockStart).orElse("2026-01-01T00:00:00Z");
        try {
          clock = TestClock.at(Instant.parse(start));
        } catch (DateTimeParseException e) {
          throw new ExtensionConfigurationException(
              "@EmulatorTest(clockStart = \""
                  + start
                  + "\") on "
                  + testClass.getName()
                  + " is not an ISO-8601 instant such as "
                  + "2026-01-01T00:00:00Z",
              e);
        }
        builder.clock(clock);
      }
      List<Class<?>> classes = new ArrayList<>();
      for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
        classes.add(0, c); // outermost first: a nested class adds to what encloses it
      }
      List<EmulatorClient> clients = new ArrayList<>();
      for (Class<?> c : classes) {
        clients.addAll(AnnotationSupport.findRepeatableAnnotations(c, EmulatorClient.class));
      }
      if (clients.isEmpty()) {
        builder.client(
            DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, "flow:execute", "flow:execution:read");
      }
      for (EmulatorClient client : clients) {
        builder.client(client.id(), client.secret(), client.scopes());
      }
      Map<String, Flow> flows = new LinkedHashMap<>();
      for (Class<?> c : classes) {
        for (EmulatorFlow f : AnnotationSupport.findRepeatableAnnotations(c, EmulatorFlow.class)) {
          flows.put(
              f.id(),
              flows
                  .getOrDefault(f.id(), Flow.withId(f.id()))
                  .publishedVersion(f.version(), f.nodes()));
        }
      }
      flows.values().forEach(builder::flow);
      for (Class<?> c : classes) {
        configure(c, builder);
      }
      return new Session(builder.start(), clock);
    }

    private static void configure(Class<?> testClass, FlowExecutionsEmulator.Builder builder) {
      List<Method> methods =
          ReflectionSupport.findMethods(
              testClass,
              m -> m.isAnnotationPresent(EmulatorConfiguration.class),
              HierarchyTraversalMode.TOP_DOWN);
      for (Method m : methods) {
        if (!Modifier.isStatic(m.getModifiers())
            || m.getParameterCount() != 1
            || m.getParameterTypes()[0] != FlowExecutionsEmulator.Builder.class) {
          throw new ExtensionConfigurationException(
              "@EmulatorConfiguration method "
                  + m
                  + " must be static and take one FlowExecutionsEmulator.Builder: "
                  + "static void configure(FlowExecutionsEmulator.Builder emulator)");
        }
        try {
          m.setAccessible(true);
          m.invoke(null, builder);
        } catch (IllegalAccessException e) {
          throw new ExtensionConfigurationException("cannot call " + m + ": " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          if (cause instanceof Error) {
            throw (Error) cause;
          }
          throw new ExtensionConfigurationException(m + " failed: " + cause, cause);
        }
      }
    }
  }
}
