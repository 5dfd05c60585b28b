package org.datasharing.registry.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.DCTerms;
import org.datasharing.registry.core.store.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XmlTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\u0001", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "a\uDC00"})
  void isLegal_isFalse_forWhatXmlCannotCarry(String text) {
    assertThat(XmlText.isLegal(text)).isFalse();
    assertThat(XmlText.isLegal(XmlText.legalised(text))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "tab\tcr\rlf\n", "é ü ß", "\uD83D\uDE00 emoji", "\uFFFD"})
  void isLegal_isTrue_forText_andLegalisedLeavesItAlone(String text) {
    assertThat(XmlText.isLegal(text)).isTrue();
    assertThat(XmlText.legalised(text)).isSameAs(text);
  }

  @Test
  void legalised_replacesEachBadCharacter_withTheReplacementCharacter() {
    assertThat(XmlText.legalised("a\u0001b\uFFFEc\uD800")).isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
  }

  @Test
  void change_isRefused_whenItWouldStoreTextXmlCannotCarry() {
    Quad q =
        Quad.create(
            NodeFactory.createURI("urn:g"),
            NodeFactory.createURI("urn:s"),
            DCTerms.title.asNode(),
            NodeFactory.createLiteralString("bad\u0001"));
    assertThatThrownBy(() -> new Change(List.of(), List.of(), List.of(q), head -> null))
        .isInstanceOf(XmlText.IllegalText.class)
        .extracting(e -> ((XmlText.IllegalText) e).field())
        .isEqualTo("title");
  }
}
