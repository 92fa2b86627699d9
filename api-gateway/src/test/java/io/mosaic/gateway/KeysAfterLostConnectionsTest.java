package io.mosaic.gateway;

import io.mosaic.testing.EmbeddedDatabase;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The key store's pool survives a database that dropped every connection (a restart, a failover). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
@TestProfile(KeysAfterLostConnectionsTest.OwnApplication.class)
class KeysAfterLostConnectionsTest extends GatewayTestBase {
    /**
     * An application of its own: the connections it drops would otherwise be those of the other tests' gateway, and
     * its keys would use the bootstrap key's rate limit they share.
     */
    public static class OwnApplication implements QuarkusTestProfile {}

    @Test
    void keysAreStoredRightAfterTheDatabaseDroppedEveryConnection() throws SQLException {
        key(tenant, "profiles:read"); // the pool now holds an open connection
        EmbeddedDatabase.dropClientConnections();
        key(tenant, "profiles:read"); // 201, not a 500 from the dead connection
        key(tenant, "segments:read");
    }
}
