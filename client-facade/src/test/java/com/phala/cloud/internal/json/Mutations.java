package com.phala.cloud.internal.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Random damage to a JSON body, biased towards the bytes that matter to a parser; shared by the
 * reader tests.
 */
public final class Mutations {
  private static final byte[] INTERESTING =
      ("\"\\{}[],: \n0123456789-+.eEtfnu/'x" + "").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NOT_ASCII = {
    0,
    0x1F,
    0x7F,
    (byte) 0x80,
    (byte) 0xBF,
    (byte) 0xC0,
    (byte) 0xC3,
    (byte) 0xE2,
    (byte) 0xED,
    (byte) 0xEF,
    (byte) 0xF0,
    (byte) 0xF4,
    (byte) 0xF8,
    (byte) 0xFE,
    (byte) 0xFF
  };

  private Mutations() {}

  /** {@code body} with one random edit; the original is not changed. */
  public static byte[] apply(byte[] body, Random random) {
    int at = body.length == 0 ? 0 : random.nextInt(body.length);
    switch (random.nextInt(6)) {
      case 0: // replace a byte
        if (body.length == 0) {
          return body;
        }
        byte[] replaced = body.clone();
        replaced[at] = randomByte(random);
        return replaced;
      case 1: // insert a few bytes
        byte[] inserted = new byte[1 + random.nextInt(4)];
        for (int i = 0; i < inserted.length; i++) {
          inserted[i] = randomByte(random);
        }
        return splice(body, at, 0, inserted);
      case 2: // delete a few bytes
        return splice(body, at, Math.min(body.length - at, 1 + random.nextInt(4)), new byte[0]);
      case 3: // duplicate a stretch
        int length = Math.min(body.length - at, random.nextInt(40));
        return splice(body, at, 0, Arrays.copyOfRange(body, at, at + length));
      case 4: // truncate
        return Arrays.copyOf(body, at);
      default: // swap two bytes
        if (body.length == 0) {
          return body;
        }
        byte[] swapped = body.clone();
        int other = random.nextInt(body.length);
        swapped[at] = body[other];
        swapped[other] = body[at];
        return swapped;
    }
  }

  private static byte randomByte(Random random) {
    int kind = random.nextInt(10);
    if (kind < 6) {
      return INTERESTING[random.nextInt(INTERESTING.length)];
    } else if (kind < 9) {
      return NOT_ASCII[random.nextInt(NOT_ASCII.length)];
    }
    return (byte) random.nextInt(256);
  }

  private static byte[] splice(byte[] body, int at, int remove, byte[] insert) {
    byte[] result = new byte[body.length - remove + insert.length];
    System.arraycopy(body, 0, result, 0, at);
    System.arraycopy(insert, 0, result, at, insert.length);
    System.arraycopy(body, at + remove, result, at + insert.length, body.length - at - remove);
    return result;
  }

  /** A body for an assertion message: short ones whole, long ones by size. */
  public static String show(byte[] body) {
    return body.length <= 200
        ? new String(body, StandardCharsets.ISO_8859_1)
        : body.length + " bytes";
  }
}
