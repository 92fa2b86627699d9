package io.mosaic.segmentation.rules;

import static io.mosaic.segmentation.Events.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.events.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {

    private static RuleParser.Result parse(String rule) {
        return RuleParser.parse(json(rule));
    }

    @Test
    void aTreeOfEveryKindOfConditionCompiles() {
        RuleParser.Result result = parse("""
                {'all': [
                  {'trait': 'geographic.city', 'op': 'in', 'value': ['Bandung', 'Jakarta']},
                  {'not': {'metric': 'churnRisk', 'op': 'eq', 'value': 'high'}},
                  {'any': [
                    {'event': 'purchase.completed', 'where': {'promotion.kind': 'flash_sale'}, 'within': '90d', 'count': {'gte': 3}},
                    {'event': 'purchase.completed', 'within': '30d', 'sum': 'amount', 'gte': 1000000},
                    {'segment': 'vip'}]}]}
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(Rule.referencedSegments(result.rule())).containsExactly("vip");
        assertThat(Rule.eventFilters(result.rule())).hasSize(2);
        assertThat(Rule.timeDependent(result.rule())).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'trait': 'geographic.planet', 'op': 'eq', 'value': 'Mars'}|rule.trait|unknown trait",
                "{'metric': 'rfm.magic', 'op': 'eq', 'value': 1}|rule.metric|unknown metric",
                "{'metric': 'rfm.score', 'op': 'approx', 'value': 1}|rule.op|must be one of",
                "{'metric': 'rfm.score', 'op': 'gte', 'value': 'high'}|rule.value|must be a number",
                "{'metric': 'churnRisk', 'op': 'in', 'value': 'high'}|rule.value|array of 1 to 100",
                "{'metric': 'purchases.count', 'op': 'gte', 'value': 1e400}|rule.value|finite number",
                "{'metric': 'purchases.count', 'op': 'eq', 'value': 0.0000001}|rule.value|decimal places",
                "{'metric': 'purchases.count', 'op': 'eq', 'value': 'many'}|rule.value|must be a number",
                "{'metric': 'purchases.count', 'op': 'in', 'value': [1, 'x']}|rule.value[1]|must be a number",
                "{'metric': 'purchases.count', 'op': 'contains', 'value': '1'}|rule.op|compares words",
                "{'metric': 'churnRisk', 'op': 'gt', 'value': 1}|rule.op|compares numbers",
                "{'metric': 'churnRisk', 'op': 'eq', 'value': 2}|rule.value|must be a string",
                "{'trait': 'custom.score', 'op': 'eq', 'value': 1e999999999}|rule.value|finite number",
                "{'trait': 'custom.tags', 'op': 'in', 'value': [{'a': 1}]}|rule.value[0]|string, number or boolean",
                "{'event': 'purchase.completed', 'count': {'gte': 1e400}}|rule.count.gte|finite number",
                "{'event': 'purchase.completed', 'sum': 'amount', 'gte': 1e20}|rule.gte|finite number",
                "{'event': 'purchase.completed', 'within': '1000000000000d'}|rule.within|number of days",
                "{'event': 'purchase.completed', 'within': 1000000000000}|rule.within|number of days",
                "{'metric': 'churnRisk', 'op': 'eq'}|rule.value|is required",
                "{'all': [{'metric': 'rfm.score', 'op': 'gte', 'value': 1}, {'bogus': 1}]}|rule.all[1]|exactly one of",
                "{'any': []}|rule.any|array of 1 to 100",
                "{'event': 'purchase.completed', 'within': '2w'}|rule.within|number of days",
                "{'event': 'purchase.completed', 'within': '400d'}|rule.within|from 1d to 365d",
                "{'event': 'customer.erased'}|rule.event|interaction event type",
                "{'event': 'purchase.completed', 'count': {'about': 3}}|rule.count.about|must be one of",
                "{'event': 'purchase.completed', 'gte': 3}|rule.gte|goes inside count",
                "{'event': 'purchase.completed', 'where': {'promotion.kind': ['a']}}|rule.where.promotion.kind|string, number or boolean",
                "{'segment': 'Not A Slug'}|rule.segment|segment id",
                "{'not': {'metric': 'rfm.score', 'op': 'gte', 'value': 1}, 'extra': 1}|rule.extra|not a field",
                "[]|rule|condition object"
            })
    void faultsAreNamedByTheirPathInTheRule(String rule, String field, String message) {
        faultIsNamed(rule, field, message);
    }

    @Test
    void rulesAreBoundedInSizeAndTheirListsInLength() {
        String manyValues = "[" + "1,".repeat(100) + "1]";
        faultIsNamed(
                "{'metric': 'purchases.count', 'op': 'in', 'value': " + manyValues + "}", "rule.value", "1 to 100");
        String condition = "{'metric': 'purchases.count', 'op': 'gte', 'value': 1}";
        String many = "{'any': [" + (condition + ",").repeat(100) + condition + "]}";
        faultIsNamed(many, "rule.any", "1 to 100");
        String nested = "{'all': [" + (condition + ",").repeat(60) + "{'any': [" + (condition + ",").repeat(60)
                + condition + "]}]}";
        faultIsNamed(nested, "rule.all[60].any[38]", "condition too many");
        String deep = condition;
        for (int i = 0; i < 20; i++) {
            deep = "{'not': " + deep + "}";
        }
        faultIsNamed(deep, "rule" + ".not".repeat(17), "deeper than 16");
        String where = "{'event': 'purchase.completed', 'where': {"
                + java.util.stream.IntStream.range(0, 11)
                        .mapToObj(i -> "'p" + i + "': 1")
                        .collect(java.util.stream.Collectors.joining(","))
                + "}}";
        faultIsNamed(where, "rule.where", "at most 10");
        faultIsNamed(
                "{'trait': 'custom.name', 'op': 'eq', 'value': '" + "x".repeat(1_001) + "'}",
                "rule.value",
                "1-1000 characters");
    }

    private static void faultIsNamed(String rule, String field, String message) {
        RuleParser.Result result = parse(rule);

        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(message);
        });
    }

    @Test
    void everyFaultIsReportedNotJustTheFirst() {
        RuleParser.Result result = parse(
                "{'all': [{'trait': 'x.y', 'op': 'eq', 'value': 1}, {'metric': 'rfm.score', 'op': 'nope', 'value': 1}]}");
        assertThat(result.errors())
                .extracting(FieldError::field)
                .containsExactly("rule.all[0].trait", "rule.all[1].op");
    }

    @Test
    void deepNestingIsRefused() {
        String rule = "{'metric': 'rfm.score', 'op': 'gte', 'value': 1}";
        for (int i = 0; i < 20; i++) {
            rule = "{'not': " + rule + "}";
        }
        assertThat(parse(rule).errors())
                .anySatisfy(error -> assertThat(error.message()).contains("deeper"));
    }

    @Test
    void anEventConditionWithoutComparisonMeansAtLeastOne() {
        Rule rule = parse("{'event': 'promotion.responded', 'within': '90d'}").rule();
        assertThat(((Rule.EventCondition) rule).comparisons()).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(Op.GTE);
            assertThat(c.operand().intValue()).isEqualTo(1);
        });
    }
}
