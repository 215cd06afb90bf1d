package com.phala.cloud.testing;

import com.phala.cloud.PhalaCloud;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The JUnit extension (JUnit 5 and 6) that runs a {@link FakePhalaCloud} for a test class or
 * method, injects it and a {@link PhalaCloud} client pointed at it, and fails a test whose code
 * called the API against its contract.
 *
 * <p>As parameters:
 *
 * <pre>{@code
 * @ExtendWith(FakePhalaCloudExtension.class)
 * class BillingTest {
 *   @Test
 *   void countsRunningCvms(FakePhalaCloud fake, PhalaCloud client) { ... }
 * }
 * }</pre>
 *
 * <p>As a field, with settings:
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakePhalaCloudExtension phala = new FakePhalaCloudExtension();
 * ... phala.fake().enqueue(Scenario.rateLimited()); phala.client().cvms().list(CvmShape.LEGACY); ...
 * }</pre>
 *
 * <p>Which fake a test gets:
 *
 * <ul>
 *   <li>Registered on a class ({@code @ExtendWith}, or a static field), one fake serves the class,
 *       and after each test it is {@linkplain FakePhalaCloud#reset() reset}, so tests do not see
 *       each other's scenarios or requests. {@code @Nested} classes share their enclosing class's
 *       fake.
 *   <li>When test methods run concurrently (JUnit's {@code
 *       junit.jupiter.execution.parallel.enabled=true} and the method's execution mode {@code
 *       CONCURRENT}), each test method gets a fake of its own, started before it (a few
 *       milliseconds) and stopped after it; a {@code @Nested} class that runs concurrently with its
 *       enclosing class gets its own class fake too. Configure such a fake in the test or a {@code
 *       BeforeEach} method, not in {@code BeforeAll}.
 *   <li>Registered on an instance field, each test method gets its own fake.
 * </ul>
 *
 * <p>Every fake lives in JUnit's {@link ExtensionContext.Store} of the class or method it serves,
 * and JUnit stops it when that class or method is done, whatever happened. After each test the
 * extension fails the test with an {@link AssertionError} listing every request that broke the
 * contract.
 *
 * <p>Parameters are always the fake of the test asking for them. {@link #fake()} and {@link
 * #client()} answer the test running on the calling thread; from another thread (one the test
 * started) they answer the only test's fake running (else the class's), and refuse when several
 * tests run at once.
 */
public final class FakePhalaCloudExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {
  private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";

  private final FakePhalaCloud.Builder settings;
  // One namespace per extension instance: two extensions on one class run two fakes.
  private final ExtensionContext.Namespace namespace =
      ExtensionContext.Namespace.create(FakePhalaCloudExtension.class, new Object());
  // For fake() and client(), which have no context: the fakes of the class and the test running
  // on each thread, innermost first.
  private final ThreadLocal<Deque<FakePhalaCloud>> onThisThread = new ThreadLocal<>();
  private final Set<Running> live = ConcurrentHashMap.newKeySet();

  /** An extension whose fake has the defaults (any credential, the contract's examples). */
  public FakePhalaCloudExtension() {
    this(FakePhalaCloud.builder());
  }

  /** An extension whose fake is started by {@code settings}. */
  public FakePhalaCloudExtension(FakePhalaCloud.Builder settings) {
    this.settings = settings;
  }

  /**
   * The fake of the test (or class) running on this thread; from a thread of the test's own, the
   * only fake running.
   *
   * @throws IllegalStateException outside a test's lifecycle, or from a thread of no test while
   *     several tests run at once
   */
  public FakePhalaCloud fake() {
    Deque<FakePhalaCloud> stack = onThisThread.get();
    if (stack != null && !stack.isEmpty()) {
      return stack.peek();
    }
    // A test's own fake is the one a thread it started means; else the class's, if there is one.
    List<FakePhalaCloud> running =
        live.stream().filter(fake -> fake.perMethod).map(fake -> fake.fake).toList();
    if (running.isEmpty()) {
      running = live.stream().map(fake -> fake.fake).toList();
    }
    if (running.size() == 1) {
      return running.get(0);
    }
    throw new IllegalStateException(
        running.isEmpty()
            ? "No fake Phala Cloud is running: use it inside a test, or a @BeforeEach or @BeforeAll"
                + " method of a class that registers the extension statically."
            : running.size()
                + " tests are running at once, each with its own fake Phala Cloud, and this thread"
                + " is none of theirs: call fake() and client() on the test's own thread, or take"
                + " FakePhalaCloud and PhalaCloud as parameters of the test method.");
  }

  /** The {@link FakePhalaCloud#client() client} of {@link #fake()}. */
  public PhalaCloud client() {
    return fake().client();
  }

  /** Starts the class's fake, or finds the enclosing class's that a {@code @Nested} one shares. */
  @Override
  public void beforeAll(ExtensionContext context) {
    push(context, classFake(context).fake);
  }

  /** Finds the test's fake: the class's, or one of its own (see the class comment). */
  @Override
  public void beforeEach(ExtensionContext context) {
    push(context, methodFake(context));
  }

  /** Fails the test if its requests broke the contract, and resets the class's fake. */
  @Override
  public void afterEach(ExtensionContext context) {
    FakePhalaCloud fake = pop(context);
    if (fake == null) {
      return;
    }
    List<String> violations = fake.takeViolations();
    if (ownFake(context) == null) {
      fake.reset();
    }
    // A fake of the test's own is stopped by JUnit with the test's store.
    if (!violations.isEmpty()) {
      throw new AssertionError(FakePhalaCloud.message(violations));
    }
  }

  /** Forgets the class's fake on this thread; JUnit stops it with the class's store. */
  @Override
  public void afterAll(ExtensionContext context) {
    pop(context);
  }

  /** Resolves parameters of type {@link FakePhalaCloud} and {@link PhalaCloud}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakePhalaCloud.class || type == PhalaCloud.class;
  }

  /** The fake of the test (or class, for a {@code BeforeAll} method) asking, or its client. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    FakePhalaCloud fake =
        context.getTestMethod().isPresent() ? methodFake(context) : classFake(context).fake;
    return parameter.getParameter().getType() == FakePhalaCloud.class ? fake : fake.client();
  }

  /** The fake a test method uses: its class's, unless it runs concurrently or there is none. */
  private FakePhalaCloud methodFake(ExtensionContext method) {
    if (!concurrent(method)) {
      Running shared = method.getParent().map(this::classFakeIfAny).orElse(null);
      if (shared != null) {
        return shared.fake;
      }
    }
    return method
        .getStore(namespace)
        .getOrComputeIfAbsent(key(method), key -> new Running(true), Running.class)
        .fake;
  }

  /** The fake of a class: its own, or its enclosing class's if it is nested and runs with it. */
  private Running classFake(ExtensionContext testClass) {
    Running found = classFakeIfAny(testClass);
    return found != null
        ? found
        : testClass
            .getStore(namespace)
            .getOrComputeIfAbsent(key(testClass), key -> new Running(false), Running.class);
  }

  private Running classFakeIfAny(ExtensionContext testClass) {
    if (testClass.getTestClass().isEmpty()) {
      return null;
    }
    Running own = testClass.getStore(namespace).get(key(testClass), Running.class);
    if (own != null || concurrent(testClass)) {
      return own;
    }
    Optional<ExtensionContext> enclosing =
        testClass.getParent().filter(parent -> parent.getTestClass().isPresent());
    return enclosing.map(this::classFakeIfAny).orElse(null);
  }

  /** The fake started for this very method, if any. */
  private Running ownFake(ExtensionContext method) {
    return method.getStore(namespace).get(key(method), Running.class);
  }

  /**
   * Whether this class or method may run at the same time as its siblings: only then do they need
   * fakes of their own.
   */
  private static boolean concurrent(ExtensionContext context) {
    return context.getExecutionMode() == ExecutionMode.CONCURRENT
        && context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false);
  }

  /** A store key of this context alone (a store lookup also searches the enclosing contexts). */
  private static String key(ExtensionContext context) {
    return "fake " + context.getUniqueId();
  }

  private void push(ExtensionContext context, FakePhalaCloud fake) {
    Deque<FakePhalaCloud> stack = onThisThread.get();
    if (stack == null) {
      stack = new ArrayDeque<>();
      onThisThread.set(stack);
    }
    stack.push(fake);
    context.getStore(namespace).put(pushedKey(context), new Pushed(fake));
  }

  /** The fake {@link #push} made current for {@code context}, no longer current. */
  private FakePhalaCloud pop(ExtensionContext context) {
    Pushed pushed = context.getStore(namespace).remove(pushedKey(context), Pushed.class);
    FakePhalaCloud fake = pushed == null ? null : pushed.fake;
    Deque<FakePhalaCloud> stack = onThisThread.get();
    if (fake != null && stack != null) {
      stack.removeFirstOccurrence(fake);
      if (stack.isEmpty()) {
        // Worker threads outlive the tests: leave nothing on them.
        onThisThread.remove();
      }
    }
    return fake;
  }

  private static String pushedKey(ExtensionContext context) {
    return "current " + context.getUniqueId();
  }

  /**
   * A note of which fake a context made current: not the fake itself, which JUnit would close with
   * the context's store, though it may be the class's.
   */
  private static final class Pushed {
    final FakePhalaCloud fake;

    Pushed(FakePhalaCloud fake) {
      this.fake = fake;
    }
  }

  /**
   * A fake in a store. JUnit closes what a store holds when its class or method is done: {@code
   * AutoCloseable} values from 5.13 on and in 6, {@code CloseableResource} ones before; this is
   * both, and closes once.
   */
  @SuppressWarnings("deprecation") // CloseableResource: for JUnit 5 before 5.13.
  private final class Running implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final FakePhalaCloud fake;
    final boolean perMethod;
    private final AtomicBoolean closed = new AtomicBoolean();

    Running(boolean perMethod) {
      this.fake = settings.start();
      this.perMethod = perMethod;
      live.add(this);
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        live.remove(this);
        fake.close();
      }
    }
  }
}
