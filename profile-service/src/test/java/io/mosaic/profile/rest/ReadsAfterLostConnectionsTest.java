package io.mosaic.profile.rest;

import static org.hamcrest.Matchers.equalTo;

import io.mosaic.profile.ProfileTestBase;
import io.mosaic.testing.EmbeddedDatabase;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The reads' pool survives a database that dropped every connection (a restart, a failover). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FreshStateDirectory.class)
@WithTestResource(PostgresTestResource.class)
class ReadsAfterLostConnectionsTest extends ProfileTestBase {

    @Test
    void aProfileIsReadRightAfterTheDatabaseDroppedEveryConnection() throws SQLException {
        publish(identified("lost-1", now, "", "'geographic': {'city': 'Ambon'}"));
        awaitProfile("lost-1", profile -> profile.body("customerId", equalTo("lost-1")));
        EmbeddedDatabase.dropClientConnections();
        api().get("/v1/profiles/lost-1") // 200, not a 500 from the dead connection
                .then()
                .statusCode(200)
                .body("traits.geographic.city", equalTo("Ambon"));
        api().get("/v1/profiles/lost-1/timeline").then().statusCode(200);
    }
}
