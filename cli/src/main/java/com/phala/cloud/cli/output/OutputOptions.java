package com.phala.cloud.cli.output;

import java.util.List;

/**
 * What the command was asked of its output beyond the format.
 *
 * @param columns the --columns paths, or null for the format's own columns
 * @param headers whether to print the header line (not --no-headers)
 * @param sortBy the --sort-by path, or null to keep the API's order
 * @param colour whether to colour statuses (a terminal, or --color=always)
 */
public record OutputOptions(List<String> columns, boolean headers, String sortBy, boolean colour) {
  /** The format's own columns, headers, the API's order, no colour. */
  public static final OutputOptions PLAIN = new OutputOptions(null, true, null, false);
}
