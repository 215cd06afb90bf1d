package com.phala.cloud.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-bytes-at-a-time helpers give exactly what a byte-by-byte loop gives. */
class SwarTest {
  @Test
  void skipPlainStringStopsAtTheFirstQuoteBackslashControlOrNonAsciiByte() {
    Random random = new Random(8);
    byte[] plain =
        "abcXYZ019 !#$%&'()*+,-./:;<=>?@[]^_`{|}~\u007f"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = new byte[1 + random.nextInt(40)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = plain[random.nextInt(plain.length)];
      }
      // Zero, one or two stop bytes anywhere; every byte value gets its turn.
      for (int stops = random.nextInt(3); stops > 0; stops--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      int start = random.nextInt(bytes.length);
      int end = start + random.nextInt(bytes.length - start + 1);
      assertThat(Swar.skipPlainString(bytes, start, end))
          .as("%s from %d to %d", Arrays.toString(bytes), start, end)
          .isEqualTo(naiveSkip(bytes, start, end));
    }
  }

  @Test
  void everySingleByteValueIsClassifiedAtEveryPositionOfAWord() {
    for (int value = 0; value < 256; value++) {
      for (int at = 0; at < 16; at++) {
        byte[] bytes = new byte[16];
        Arrays.fill(bytes, (byte) 'a');
        bytes[at] = (byte) value;
        assertThat(Swar.skipPlainString(bytes, 0, 16))
            .as("byte 0x%02X at %d", value, at)
            .isEqualTo(naiveSkip(bytes, 0, 16));
      }
    }
  }

  @Test
  void equalBytesAgreesWithArraysEqualsAtEveryLength() {
    Random random = new Random(9);
    for (int length = 0; length <= 40; length++) {
      for (int round = 0; round < 200; round++) {
        byte[] a = new byte[length];
        random.nextBytes(a);
        byte[] b = new byte[length + 7];
        int start = random.nextInt(8);
        System.arraycopy(a, 0, b, start, length);
        if (length > 0 && random.nextBoolean()) {
          b[start + random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
        }
        assertThat(Swar.equalBytes(a, b, start, length))
            .isEqualTo(Arrays.equals(a, 0, length, b, start, start + length));
      }
    }
  }

  @Test
  void equalNamesHashEqually() {
    byte[] a =
        "xxhosted_name_longer_than_eight".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] b =
        "hosted_name_longer_than_eightyy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int length = 0; length <= 29; length++) {
      assertThat(Swar.hash(a, 2, length)).isEqualTo(Swar.hash(b, 0, length));
    }
  }

  private static int naiveSkip(byte[] bytes, int start, int end) {
    for (int i = start; i < end; i++) {
      int c = bytes[i] & 0xFF;
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) {
        return i;
      }
    }
    return end;
  }
}
