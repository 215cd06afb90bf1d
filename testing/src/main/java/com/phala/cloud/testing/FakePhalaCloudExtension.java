package com.phala.cloud.testing;

import com.phala.cloud.PhalaCloud;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension that runs a {@link FakePhalaCloud} for a test class or method, injects it
 * and a {@link PhalaCloud} client pointed at it, and fails a test whose code called the API against
 * its contract.
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
 * ... phala.fake().enqueue(Scenario.rateLimited()); phala.client().listCvms(); ...
 * }</pre>
 *
 * <p>Registered on a class ({@code @ExtendWith}, or a static field), one fake serves the whole
 * class; on an instance field, each test method gets its own. Either way, after each test the
 * extension fails the test with an {@link AssertionError} listing every request that broke the
 * contract, then {@linkplain FakePhalaCloud#reset() resets} the fake, so tests do not see each
 * other's scenarios or requests. Not meant for test methods of one class running concurrently.
 */
public final class FakePhalaCloudExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AfterAllCallback,
        ParameterResolver {
  private final FakePhalaCloud.Builder settings;
  private volatile FakePhalaCloud classFake;
  private volatile FakePhalaCloud methodFake;

  /** An extension whose fake has the defaults (any credential, the contract's examples). */
  public FakePhalaCloudExtension() {
    this(FakePhalaCloud.builder());
  }

  /** An extension whose fake is started by {@code settings}. */
  public FakePhalaCloudExtension(FakePhalaCloud.Builder settings) {
    this.settings = settings;
  }

  /**
   * The running fake.
   *
   * @throws IllegalStateException outside a test's lifecycle
   */
  public FakePhalaCloud fake() {
    FakePhalaCloud current = methodFake != null ? methodFake : classFake;
    if (current == null) {
      throw new IllegalStateException(
          "No fake Phala Cloud is running: use it inside a test, or a @BeforeEach or @BeforeAll"
              + " method of a class that registers the extension statically.");
    }
    return current;
  }

  /** The running fake's {@link FakePhalaCloud#client() client}. */
  public PhalaCloud client() {
    return fake().client();
  }

  /** Starts the class's fake. */
  @Override
  public void beforeAll(ExtensionContext context) {
    classFake = settings.start();
  }

  /** Starts the method's fake when the class has none (the extension is on an instance field). */
  @Override
  public void beforeEach(ExtensionContext context) {
    if (classFake == null) {
      methodFake = settings.start();
    }
  }

  /** Fails the test if its requests broke the contract, and resets or stops the fake. */
  @Override
  public void afterEach(ExtensionContext context) {
    FakePhalaCloud fake = fake();
    List<String> violations = fake.takeViolations();
    if (methodFake != null) {
      methodFake.close();
      methodFake = null;
    } else {
      fake.reset();
    }
    if (!violations.isEmpty()) {
      throw new AssertionError(FakePhalaCloud.message(violations));
    }
  }

  /** Stops the class's fake. */
  @Override
  public void afterAll(ExtensionContext context) {
    if (classFake != null) {
      classFake.close();
      classFake = null;
    }
  }

  /** Resolves parameters of type {@link FakePhalaCloud} and {@link PhalaCloud}. */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == FakePhalaCloud.class || type == PhalaCloud.class;
  }

  /** The running fake, or its client. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == FakePhalaCloud.class ? fake() : client();
  }
}
