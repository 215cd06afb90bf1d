package com.phala.cloud.cli.output;

import com.phala.cloud.cvm.CvmView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.RepresentToNode;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.representer.StandardRepresenter;

/**
 * The same data as {@code json} (every field as sent, unknown ones included) as one YAML sequence,
 * written by SnakeYAML Engine one item per CVM as it is read: constant memory for any size. Numbers
 * keep exactly the digits the API sent ({@code 4.0} stays {@code 4.0}, {@code 1769815500123} is not
 * rounded; an exponent gains a dot and a sign, {@code 1e-7} is {@code 1.0e-7}, which YAML 1.1 needs
 * to read a number). Text that a YAML 1.1 or 1.2 reader would take for anything else (a price such
 * as {@code "0.0580"}, a hex address {@code "0x8d1e..."}, a GPU slot {@code "18:00.0"}, a date,
 * {@code "yes"}, {@code "~"}, empty text) is quoted, so every reader gets the same data as {@code
 * json}: see {@link YamlScalars}.
 */
final class YamlOutput<T extends CvmView> implements CvmOutput<T> {
  /** A number as the text the API sent, which YAML writes as an int or a float scalar. */
  private record ExactNumber(String text) {}

  private final PrintWriter out;
  private final Dump dump;
  private boolean first = true;

  YamlOutput(PrintWriter out) {
    this.out = out;
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            // Long values (URLs, hashes) stay on one line, for grep.
            .setWidth(Integer.MAX_VALUE)
            .build();
    this.dump = new Dump(settings, new ExactRepresenter(settings));
  }

  @Override
  public void begin() {}

  @Override
  public void write(T cvm) {
    // Each CVM is dumped as a sequence of one item: the items, one after the other, are one
    // block sequence.
    out.print(escapeLineSeparators(dump.dumpToString(List.of(exact(cvm.fields())))));
    first = false;
  }

  @Override
  public void end() {
    if (first) {
      out.println("[]");
    }
    out.flush();
  }

  /**
   * {@code yaml} with U+2028 and U+2029 escaped. SnakeYAML Engine writes YAML 1.2, where they are
   * ordinary characters, so it leaves them raw even in a double-quoted scalar; YAML 1.1 readers
   * (PyYAML, libyaml, go-yaml, so yq) take them for line breaks and fail. {@link ExactRepresenter}
   * writes every string holding one double-quoted, where the escape is valid in both versions.
   */
  private static String escapeLineSeparators(String yaml) {
    if (yaml.indexOf('\u2028') < 0 && yaml.indexOf('\u2029') < 0) {
      return yaml;
    }
    return yaml.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /** Whether {@code text} holds a character a YAML 1.1 reader takes for a line break. */
  private static boolean hasYaml11LineBreak(String text) {
    return text.indexOf('\u0085') >= 0
        || text.indexOf('\u2028') >= 0
        || text.indexOf('\u2029') >= 0;
  }

  /** {@code value} with every number replaced by its exact text. */
  private static Object exact(Object value) {
    if (value instanceof Map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      ((Map<?, ?>) value).forEach((key, item) -> copy.put(key, exact(item)));
      return copy;
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      ((List<?>) value).forEach(item -> copy.add(exact(item)));
      return copy;
    }
    if (value instanceof Number) {
      // The library's numbers print exactly the text received.
      return new ExactNumber(value.toString());
    }
    return value;
  }

  /**
   * SnakeYAML's representer, with numbers written as the exact text received, text that a YAML 1.1
   * or 1.2 reader may take for another type quoted, and text holding a YAML 1.1 line break (U+0085,
   * U+2028, U+2029) double-quoted, so that it is escaped.
   */
  private static final class ExactRepresenter extends StandardRepresenter {
    ExactRepresenter(DumpSettings settings) {
      super(settings);
      RepresentToNode strings = representers.get(String.class);
      representers.put(
          String.class,
          data -> {
            String text = (String) data;
            if (hasYaml11LineBreak(text)) {
              return representScalar(Tag.STR, text, ScalarStyle.DOUBLE_QUOTED);
            }
            if (YamlScalars.mayReadAsNonString(text)) {
              return representScalar(Tag.STR, text, ScalarStyle.SINGLE_QUOTED);
            }
            return strings.representData(data);
          });
      representers.put(
          ExactNumber.class,
          data -> {
            String text = YamlScalars.number(((ExactNumber) data).text());
            // The tag the schema reads this text as (int or float), so it is written plain.
            Tag tag = settings.getSchema().getScalarResolver().resolve(text, true);
            return representScalar(
                tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) ? tag : Tag.FLOAT, text);
          });
    }
  }
}
