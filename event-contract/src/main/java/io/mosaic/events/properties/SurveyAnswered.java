package io.mosaic.events.properties;

import java.math.BigDecimal;
import java.util.Map;

/**
 * {@code survey.answered}. Clients send psychographic traits inside {@code answers.psychographic}; they are lifted
 * into {@code psychographic} here and apply to the profile like {@code customer.identified}. {@code answers} holds
 * the other answers.
 */
public record SurveyAnswered(
        Kind kind,
        BigDecimal score,
        Map<String, Object> answers,
        Traits.Psychographic psychographic,
        Map<String, Object> custom)
        implements EventProperties {

    public enum Kind {
        CSAT,
        NPS,
        CUSTOM
    }
}
