package io.mosaic.events;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one normal form of contact identifiers, used on the way in and for lookups, so that
 * {@code " Ana@Example.COM "} and {@code ana@example.com} are one customer.
 */
public final class IdentifierNormalisation {
    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().\\-/]");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    private IdentifierNormalisation() {}

    /** Trimmed and lower-cased; empty when it is not an email address. */
    public static Optional<String> email(String raw) {
        String email = raw.strip().toLowerCase(Locale.ROOT);
        boolean valid =
                email.length() <= Limits.EMAIL_LENGTH && EMAIL.matcher(email).matches();
        return valid ? Optional.of(email) : Optional.empty();
    }

    /**
     * E.164 ({@code +6281234567890}): spaces, dots, dashes, slashes and brackets dropped, a leading international
     * {@code 00} read as {@code +}. Empty for a number without its country code, since the country cannot be
     * guessed safely.
     */
    public static Optional<String> phone(String raw) {
        String phone = PHONE_PUNCTUATION.matcher(raw.strip()).replaceAll("");
        if (phone.startsWith("00")) {
            phone = "+" + phone.substring(2);
        }
        return E164.matcher(phone).matches() ? Optional.of(phone) : Optional.empty();
    }
}
