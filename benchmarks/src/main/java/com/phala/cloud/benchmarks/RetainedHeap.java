package com.phala.cloud.benchmarks;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.phala.cloud.ResponseLimits;
import com.phala.cloud.cvm.CvmInfoList;
import com.phala.cloud.cvm.CvmList;
import com.phala.cloud.generated.invoker.JSON;
import com.phala.cloud.generated.model.CVMInfo;
import com.phala.cloud.generated.model.HostedCvm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ObjectName;

/**
 * The heap a list read whole keeps: for N CVMs of the contract's full examples, the bytes live
 * after a full collection while the facade's {@code CvmList} (legacy shape) or {@code CvmInfoList}
 * (current shape) is held, against the same bytes bound by plain Gson into the generated models
 * ({@code List<HostedCvm>}, {@code List<CVMInfo>}). Prints one line per list and size,
 *
 * <pre>retained-heap NAME-N RATIO (RETAINED MB for JSON MB of JSON; KB per CVM)</pre>
 *
 * where RATIO is the retained bytes over the JSON's bytes, then for each shape and size the
 * facade's retained bytes over the generated models', {@code retained-vs-gson SHAPE-N RATIO}.
 *
 * <p>Each measurement runs in a JVM of its own ({@code -Xms2g -Xmx2g -XX:+UseSerialGC}): the bytes
 * of the reachable objects (the JVM's class histogram of live objects) after the body is made and a
 * one-CVM list decoded (which loads and initialises the classes), then again while the list is
 * held. The used heap after {@code System.gc()} was not a reliable measure here: it sometimes still
 * counted megabytes of garbage, which made the difference negative.
 *
 * <pre>java -cp benchmarks.jar com.phala.cloud.benchmarks.RetainedHeap 100 10000</pre>
 */
public final class RetainedHeap {
  private static final String[] LISTS = {
    "cvmlist", "gson-hostedcvm", "cvminfolist", "gson-cvminfo"
  };
  private static final String[] JVM = {"-Xms2g", "-Xmx2g", "-XX:+UseSerialGC"};

  private static final Gson GSON = new JSON().getGson();

  /** The list being measured, in a field so that no compiled code drops it early. */
  private static volatile Object held;

  private RetainedHeap() {}

  /**
   * Measures each size given (default 10,000), each list in a JVM of its own; {@code --one LIST N}
   * is that JVM's part, printing the JSON's bytes and the retained bytes.
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("--one")) {
      long[] measured = measure(args[1], Integer.parseInt(args[2]));
      System.out.println(measured[0] + " " + measured[1]);
      return;
    }
    List<Integer> sizes = new ArrayList<>();
    for (String arg : args) {
      sizes.add(Integer.parseInt(arg));
    }
    if (sizes.isEmpty()) {
      sizes.add(10_000);
    }
    for (int n : sizes) {
      long[] retained = new long[LISTS.length];
      for (int i = 0; i < LISTS.length; i++) {
        long[] measured = inChild(LISTS[i], n);
        retained[i] = measured[1];
        System.out.printf(
            Locale.ROOT,
            "retained-heap %s-%d %.2f (%.1f MB for %.1f MB of JSON; %.1f KB per CVM)%n",
            LISTS[i],
            n,
            (double) measured[1] / measured[0],
            measured[1] / 1e6,
            measured[0] / 1e6,
            measured[1] / 1e3 / n);
      }
      System.out.printf(
          Locale.ROOT,
          "retained-vs-gson legacy-%d %.2f%nretained-vs-gson current-%d %.2f%n",
          n,
          (double) retained[0] / retained[1],
          n,
          (double) retained[2] / retained[3]);
    }
  }

  private static long[] inChild(String list, int n) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(JVM));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            RetainedHeap.class.getName(),
            "--one",
            list,
            Integer.toString(n)));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (child.waitFor() != 0) {
      throw new IllegalStateException("measuring " + list + "-" + n + " failed: " + out);
    }
    String[] fields = out.strip().split(" ");
    return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
  }

  /** {JSON bytes, retained bytes} of list {@code list} of {@code n} CVMs, in this JVM. */
  static long[] measure(String list, int n) throws Exception {
    boolean legacy = list.equals("cvmlist") || list.equals("gson-hostedcvm");
    byte[] body = legacy ? Bodies.of(n) : Bodies.infos(n);
    // Load and initialise what the decode needs; a one-CVM list, let go, costs at most its own
    // 20 KB if it were not collected.
    decode(list, legacy ? Bodies.of(1) : Bodies.infos(1));
    long before = live();
    held = decode(list, body);
    long after = live();
    if (held == null || body.length == 0) {
      throw new IllegalStateException("nothing decoded");
    }
    return new long[] {body.length, after - before};
  }

  private static Object decode(String list, byte[] body) throws IOException {
    Reader in = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
    switch (list) {
      case "cvmlist":
        return CvmList.read(in, null, limits(body));
      case "cvminfolist":
        return CvmInfoList.read(in, null, limits(body));
      case "gson-hostedcvm":
        return GSON.fromJson(in, new TypeToken<List<HostedCvm>>() {}.getType());
      case "gson-cvminfo":
        return GSON.fromJson(in, new TypeToken<List<CVMInfo>>() {}.getType());
      default:
        throw new IllegalArgumentException("no list " + list);
    }
  }

  /** The default limits, with room for a list of this size. */
  private static ResponseLimits limits(byte[] body) {
    ResponseLimits defaults = ResponseLimits.DEFAULTS;
    return defaults.maxListChars() >= body.length
        ? defaults
        : defaults.toBuilder().maxListChars(body.length).build();
  }

  /**
   * The bytes of the objects reachable now, from the JVM's class histogram of live objects (what
   * {@code jcmd PID GC.class_histogram} prints: it collects, then counts what is reachable).
   */
  private static long live() throws Exception {
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    // The last line: "Total <instances> <bytes>".
    String[] lines = histogram.strip().split("\n");
    String[] total = lines[lines.length - 1].strip().split("\\s+");
    if (!total[0].equals("Total")) {
      throw new IllegalStateException(
          "no total in the class histogram: " + lines[lines.length - 1]);
    }
    return Long.parseLong(total[2]);
  }
}
