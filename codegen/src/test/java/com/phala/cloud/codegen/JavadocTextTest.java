package com.phala.cloud.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavadocTextTest {

  @Test
  void codeSpansBecomeCodeTagsAndApostrophesStayAsTheyAre() {
    assertThat(JavadocText.of("The CVM's status, such as `running`."))
        .isEqualTo("The CVM's status, such as {@code running}.");
  }

  @Test
  void linesJoinAndBlankLinesBecomeParagraphs() {
    assertThat(JavadocText.of("One line\nand the next.\n\nA second paragraph.\n"))
        .isEqualTo("One line and the next. <p>A second paragraph.");
  }

  @Test
  void dashedLinesBecomeAListWhoseItemsMayWrap() {
    assertThat(JavadocText.of("Versions:\n\n- `a`: first,\n  wrapped.\n- `b`: second."))
        .isEqualTo(
            "Versions: <ul><li>{@code a}: first, wrapped.</li><li>{@code b}: second.</li></ul>");
  }

  @Test
  void markupCharactersOutsideCodeAreLiterals() {
    assertThat(JavadocText.of("Bearer <token> & @admin"))
        .isEqualTo("Bearer {@literal <}token{@literal >} {@literal &} {@literal @}admin");
  }

  @Test
  void codeWithBalancedBracesStaysACodeTag() {
    assertThat(JavadocText.of("FastAPI's `{\"detail\": ...}`"))
        .isEqualTo("FastAPI's {@code {\"detail\": ...}}");
  }

  @Test
  void codeWithUnbalancedBracesOrACommentEndIsWrittenAsLiteralCode() {
    assertThat(JavadocText.of("`a{` and `*/`"))
        .isEqualTo("<code>a{</code> and <code>*{@literal /}</code>");
  }

  @Test
  void aLoneBacktickIsKept() {
    assertThat(JavadocText.of("an odd ` here")).isEqualTo("an odd ` here");
  }

  @Test
  void nothingForNullOrBlank() {
    assertThat(JavadocText.of(null)).isEmpty();
    assertThat(JavadocText.of(" \n")).isEmpty();
  }
}
