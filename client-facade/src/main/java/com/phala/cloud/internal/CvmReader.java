package com.phala.cloud.internal;

import com.phala.cloud.errors.PhalaException;
import com.phala.cloud.errors.PhalaInvalidDataException;
import com.phala.cloud.internal.json.JsonObjectNode;
import java.io.Closeable;
import java.io.IOException;

/**
 * A response body that must be a JSON array of objects, read one object at a time so a list of any
 * length passes in constant memory. Anything else (malformed JSON, a body cut short, an item that
 * is not an object, data after the array) is a {@link PhalaInvalidDataException} naming the JSON
 * path where it broke and a short snippet of what was read; failures of the stream itself pass
 * through as {@link IOException}.
 */
public interface CvmReader extends Closeable {
  /** Whether another object follows; at the end, checks that nothing but whitespace is left. */
  boolean hasNext() throws IOException;

  /** The next object, read whole. Call after {@link #hasNext()} returned true. */
  JsonObjectNode next() throws IOException;

  /** How many objects have been read: the index the next one will have. */
  int index();

  /** {@code failure} without the credential of a tagged body (for failures the caller makes). */
  PhalaException scrub(PhalaException failure);
}
