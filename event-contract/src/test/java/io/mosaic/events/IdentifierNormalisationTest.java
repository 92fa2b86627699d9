package io.mosaic.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierNormalisationTest {

    @ParameterizedTest
    @CsvSource({
        "'+62 812-3456-7890', +6281234567890",
        "'(+62) 812 3456 7890', +6281234567890",
        "0062812.3456.7890, +6281234567890",
        "'+1 (415) 555-2671', +14155552671",
        "'  +49 30/1234567 ', +49301234567"
    })
    void phoneNumbersBecomeE164(String raw, String expected) {
        assertThat(IdentifierNormalisation.phone(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "081234567890", // local number: the country cannot be guessed
                "+0 812 3456", // country codes never start with 0
                "+62 812 3456 7890 1234", // longer than E.164's 15 digits
                "+12345", // too short to be a number
                "+62 812 CALL ME",
                ""
            })
    void phoneNumbersWithoutCountryOrDigitsAreRejected(String raw) {
        assertThat(IdentifierNormalisation.phone(raw)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"' Ana.Putri@Example.COM ', ana.putri@example.com", "budi+shop@mail.co.id, budi+shop@mail.co.id"})
    void emailsAreTrimmedAndLowerCased(String raw, String expected) {
        assertThat(IdentifierNormalisation.email(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana", "ana@", "@example.com", "ana@example", "ana putri@example.com", "ana@exa_mple.com"})
    void malformedEmailsAreRejected(String raw) {
        assertThat(IdentifierNormalisation.email(raw)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void emailsLongerThanTheStandardAllowsAreRejected() {
        String longDomain = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "."
                + "e".repeat(60) + ".com";
        assertThat(IdentifierNormalisation.email("ana@" + longDomain)).isEmpty();
    }
}
