package io.mosaic.segmentation.rules;

import static io.mosaic.segmentation.Events.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static Comparison of(Op op, String operand) {
        return new Comparison(op, json(operand));
    }

    @Test
    void eqComparesNumbersByValueAndStringsWithoutCase() {
        assertThat(of(Op.EQ, "13").test(new BigDecimal("13.0"))).isTrue();
        assertThat(of(Op.EQ, "13").test(12)).isFalse();
        assertThat(of(Op.EQ, "'bandung'").test("Bandung")).isTrue();
        assertThat(of(Op.EQ, "true").test(true)).isTrue();
        assertThat(of(Op.EQ, "true").test("true")).isFalse();
        assertThat(of(Op.EQ, "'x'").test(null)).isFalse();
    }

    @Test
    void neqAndNinHoldForMissingValues() {
        assertThat(of(Op.NEQ, "'Jakarta'").test(null)).isTrue();
        assertThat(of(Op.NEQ, "'Jakarta'").test("jakarta")).isFalse();
        assertThat(of(Op.NIN, "['a', 'b']").test(null)).isTrue();
        assertThat(of(Op.NIN, "['a', 'b']").test("c")).isTrue();
        assertThat(of(Op.NIN, "['a', 'b']").test("B")).isFalse();
    }

    @Test
    void inMatchesAnyListedValue() {
        assertThat(of(Op.IN, "['whatsapp', 'chat']").test("chat")).isTrue();
        assertThat(of(Op.IN, "[1, 2]").test(2)).isTrue();
        assertThat(of(Op.IN, "['whatsapp']").test("email")).isFalse();
    }

    @Test
    void orderingOperatorsNeedNumbers() {
        assertThat(of(Op.GT, "3").test(4)).isTrue();
        assertThat(of(Op.GT, "3").test(3)).isFalse();
        assertThat(of(Op.GTE, "3").test(3)).isTrue();
        assertThat(of(Op.LT, "3").test(new BigDecimal("2.99"))).isTrue();
        assertThat(of(Op.LTE, "3").test(3L)).isTrue();
        assertThat(of(Op.LTE, "3").test("2")).isFalse();
        assertThat(of(Op.GT, "3").test(null)).isFalse();
    }

    @Test
    void existsTellsWhetherThereIsAValue() {
        assertThat(of(Op.EXISTS, "true").test("x")).isTrue();
        assertThat(of(Op.EXISTS, "true").test(null)).isFalse();
        assertThat(of(Op.EXISTS, "false").test(null)).isTrue();
    }

    @Test
    void containsLooksIntoListsAndStrings() {
        assertThat(of(Op.CONTAINS, "'coffee'").test(List.of("running", "Coffee")))
                .isTrue();
        assertThat(of(Op.CONTAINS, "'tea'").test(List.of("running", "coffee"))).isFalse();
        assertThat(of(Op.CONTAINS, "'eng'").test("Engineer")).isTrue();
    }

    @Test
    void eqOnAListMatchesAnyElement() {
        assertThat(of(Op.EQ, "'coffee'").test(List.of("tea", "coffee"))).isTrue();
        assertThat(of(Op.NEQ, "'coffee'").test(List.of("tea", "coffee"))).isFalse();
    }
}
