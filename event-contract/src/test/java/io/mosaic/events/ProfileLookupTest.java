package io.mosaic.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileLookupTest {

    @Test
    void anIdentifierIsLookedUpInTheFormItIsStoredIn() throws ProfileLookup.Invalid {
        assertThat(lookup(Map.of("email", "  Ana@Example.COM ")))
                .isEqualTo(new ProfileLookup("email", "ana@example.com", "email"));
        assertThat(lookup(Map.of("phone", "0062 812-3456-7890")))
                .isEqualTo(new ProfileLookup("phone", "+6281234567890", "phone"));
        assertThat(lookup(Map.of("whatsapp", "+62 812 3456 7890")))
                .isEqualTo(new ProfileLookup("whatsapp", "+6281234567890", "whatsapp"));
        assertThat(lookup(Map.of("externalId", " shop:42 ")))
                .isEqualTo(new ProfileLookup("external", "shop:42", "externalId"));
        assertThat(ProfileLookup.byId("c-42")).isEqualTo(new ProfileLookup("id", "c-42", "customerId"));
    }

    @Test
    void blankParametersCountAsAbsent() throws ProfileLookup.Invalid {
        assertThat(lookup(Map.of("email", "a@b.co", "phone", "  ", "externalId", ""))
                        .kind())
                .isEqualTo("email");
    }

    @Test
    void noneOrSeveralIdentifiersAreRefusedNamingThem() {
        assertThatThrownBy(() -> lookup(Map.of())).isInstanceOfSatisfying(ProfileLookup.Invalid.class, invalid -> {
            assertThat(invalid.title()).isEqualTo("Invalid lookup");
            assertThat(invalid.fieldError()).isEqualTo(new FieldError("email", "exactly one identifier is required"));
        });
        assertThatThrownBy(() -> lookup(Map.of("phone", "+6281234567890", "email", "a@b.co")))
                .isInstanceOfSatisfying(
                        ProfileLookup.Invalid.class,
                        invalid -> assertThat(invalid.fieldError().field()).isEqualTo("email,phone"));
    }

    @Test
    void aMalformedIdentifierIsRefusedNamingItsField() {
        assertThatThrownBy(() -> lookup(Map.of("email", "not-an-email")))
                .isInstanceOfSatisfying(ProfileLookup.Invalid.class, invalid -> {
                    assertThat(invalid.fieldError()).isEqualTo(new FieldError("email", "is not an email address"));
                    assertThat(invalid.detail()).isEqualTo("email is not an email address.");
                });
        assertThatThrownBy(() -> lookup(Map.of("phone", "0812345678")))
                .isInstanceOfSatisfying(
                        ProfileLookup.Invalid.class,
                        invalid -> assertThat(invalid.fieldError().field()).isEqualTo("phone"));
        for (String external : new String[] {"shop", ":42", "shop:"}) {
            assertThatThrownBy(() -> lookup(Map.of("externalId", external)))
                    .as(external)
                    .isInstanceOf(ProfileLookup.Invalid.class);
        }
    }

    private static ProfileLookup lookup(Map<String, String> parameters) throws ProfileLookup.Invalid {
        return ProfileLookup.byIdentifier(parameters::get);
    }
}
