package io.mosaic.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile reads that find one ready profile or none are answered by the gateway from the read model (200 with the
 * document, or the service's 404); everything else reaches the profile service, here a stub that answers 202 with
 * what reached it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(value = StubServices.class, initArgs = @ResourceArg(name = "profile", value = "up"))
class ReadyProfilesTest extends GatewayTestBase {
    private static final String DOCUMENT = "{\"customerId\":\"c-1\",\"traits\":{\"name\":\"Ana\"}}";

    @BeforeAll
    static void readModel() throws SQLException {
        ProfileReadModel.create();
    }

    @Test
    void aReadThatFindsOneProfileIsAnsweredFromTheReadModel() throws SQLException {
        String reader = key(tenant, "profiles:read");
        store("id", "c-1", "c-1", DOCUMENT);
        store("id", "merged-away", "c-1", DOCUMENT);
        store("email", "ana@example.com", "c-1", DOCUMENT);
        store("external", "shop:42", "c-1", DOCUMENT);

        for (String path : new String[] {
            "/v1/profiles/c-1",
            "/v1/profiles/merged-away",
            "/v1/profiles?email=%20Ana@Example.COM%20",
            "/v1/profiles?externalId=shop:42&phone=%20"
        }) {
            as(reader)
                    .urlEncodingEnabled(false)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .header("X-Request-Id", notNullValue())
                    .body(equalTo(DOCUMENT));
        }
    }

    @Test
    void aReadThatFindsNoProfileIsA404FromTheGateway() throws SQLException {
        String reader = key(tenant, "profiles:read");
        store("id", "c-1", "c-1", DOCUMENT);

        as(reader)
                .get("/v1/profiles/nobody")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo("urn:problem-type:mosaic:not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("No customer 'nobody'."));
        as(reader)
                .get("/v1/profiles?email=nobody@example.com")
                .then()
                .statusCode(404)
                .body("detail", equalTo("No customer with this email."));
        as(reader)
                .get("/v1/profiles?externalId=shop:404")
                .then()
                .statusCode(404)
                .body("detail", equalTo("No customer with this externalId."));
    }

    @Test
    void anotherTenantsProfileIsNeverServed() throws SQLException {
        store("id", "c-1", "c-1", DOCUMENT);
        String stranger = key("t-other-" + tenant, "profiles:read");

        as(stranger).get("/v1/profiles/c-1").then().statusCode(404).body("detail", equalTo("No customer 'c-1'."));
        as(stranger).get("/v1/profiles?email=ana@example.com").then().statusCode(404);
    }

    @Test
    void whatIsNotExactlyOneReadyProfileIsAnsweredByTheService() throws SQLException {
        String reader = key(tenant, "profiles:read");
        store("phone", "+6281234567890", "c-1", DOCUMENT);
        store("phone", "+6281234567890", "c-2", DOCUMENT.replace("c-1", "c-2"));
        store("id", "c-1", "c-1", DOCUMENT);

        for (String path : new String[] {
            "/v1/profiles?phone=%2B6281234567890", // shared: the service answers 409
            "/v1/profiles?email=not-an-email", // 400
            "/v1/profiles?email=ana@example.com&phone=%2B6281234567890", // 400: two identifiers
            "/v1/profiles/c-1/timeline", // not a profile read
        }) {
            as(reader)
                    .urlEncodingEnabled(false)
                    .get(path)
                    .then()
                    .statusCode(202)
                    .body("method", equalTo("GET"));
        }
        as(reader).head("/v1/profiles/c-1").then().statusCode(202);
    }

    @Test
    void aReadModelThatCannotBeReadSendsReadsToTheService() throws SQLException {
        String reader = key(tenant, "profiles:read");
        store("id", "c-1", "c-1", DOCUMENT);
        as(reader).get("/v1/profiles/c-1").then().statusCode(200);

        ProfileReadModel.execute("alter table profile.profile_read rename to profile_read_away");
        try {
            as(reader).get("/v1/profiles/c-1").then().statusCode(202).body("path", equalTo("/v1/profiles/c-1"));
        } finally {
            ProfileReadModel.execute("alter table profile.profile_read_away rename to profile_read");
        }
        as(reader).get("/v1/profiles/c-1").then().statusCode(200).body(equalTo(DOCUMENT));
    }

    @Test
    void aLookupThatWaitsTooLongGoesToTheService() throws SQLException {
        String reader = key(tenant, "profiles:read");
        store("id", "c-1", "c-1", DOCUMENT);
        try (Connection locker = ProfileReadModel.connect()) {
            locker.setAutoCommit(false);
            locker.createStatement().execute("lock table profile.profile_read in access exclusive mode");
            long started = System.nanoTime();
            as(reader).get("/v1/profiles/c-1").then().statusCode(202).body("path", equalTo("/v1/profiles/c-1"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            locker.rollback();
        }
        as(reader).get("/v1/profiles/c-1").then().statusCode(200).body(equalTo(DOCUMENT));
    }

    private void store(String kind, String value, String customerId, String document) throws SQLException {
        ProfileReadModel.store(tenant, kind, value, customerId, document);
    }
}
