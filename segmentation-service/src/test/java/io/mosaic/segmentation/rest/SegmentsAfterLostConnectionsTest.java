package io.mosaic.segmentation.rest;

import static org.hamcrest.Matchers.hasItems;

import io.mosaic.segmentation.SegmentationTestBase;
import io.mosaic.testing.EmbeddedDatabase;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The service's pool survives a database that dropped every connection (a restart, a failover). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(io.mosaic.testing.FreshStateDirectory.class)
class SegmentsAfterLostConnectionsTest extends SegmentationTestBase {

    @Test
    void segmentsAreListedRightAfterTheDatabaseDroppedEveryConnection() throws SQLException {
        api().get("/v1/segments").then().statusCode(200); // the pool now holds an open connection
        EmbeddedDatabase.dropClientConnections();
        api().get("/v1/segments") // 200, not a 500 from the dead connection
                .then()
                .statusCode(200)
                .body("items.id", hasItems("vip", "new-customers"));
    }
}
