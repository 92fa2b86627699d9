package io.mosaic.gateway;

import static org.hamcrest.Matchers.equalTo;

import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the profile service away, ready profiles are still read; what only the service can answer is a 503. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
class ReadyProfilesWithoutTheServiceTest extends GatewayTestBase {

    @BeforeAll
    static void readModel() throws SQLException {
        ProfileReadModel.create();
    }

    @Test
    void readyProfilesAreServedWhileTheProfileServiceIsDown() throws SQLException {
        String document = "{\"customerId\":\"c-9\"}";
        ProfileReadModel.store(tenant, "id", "c-9", "c-9", document);
        ProfileReadModel.store(tenant, "email", "ana@example.com", "c-9", document);
        String reader = key(tenant, "profiles:read");

        for (int i = 0; i < 8; i++) { // past the failures that open the profile service's circuit
            as(reader).get("/v1/profiles/c-9/timeline").then().statusCode(503);
        }
        as(reader).get("/v1/profiles/c-9").then().statusCode(200).body(equalTo(document));
        as(reader).get("/v1/profiles/nobody").then().statusCode(404);
        as(reader)
                .get("/v1/profiles?email=ana@example.com")
                .then()
                .statusCode(200)
                .body(equalTo(document));
        as(reader).get("/v1/profiles/c-9/timeline").then().statusCode(503);
    }
}
