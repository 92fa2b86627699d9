package io.mosaic.gateway;

import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The key store's pool survives a database that dropped every connection (a restart, a failover). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(StubServices.class)
class KeysAfterLostConnectionsTest extends GatewayTestBase {

    @Test
    void keysAreStoredRightAfterTheDatabaseDroppedEveryConnection() throws SQLException {
        for (int i = 0; i < 3; i++) {
            key(tenant, "profiles:read"); // the pool now holds open connections
        }
        try (Connection admin = ProfileReadModel.connect()) {
            admin.createStatement()
                    .execute("select pg_terminate_backend(pid) from pg_stat_activity"
                            + " where pid <> pg_backend_pid() and backend_type = 'client backend'");
        }
        for (int i = 0; i < 5; i++) {
            key(tenant, "profiles:read"); // 201 each, none answered on a dead connection
        }
    }
}
