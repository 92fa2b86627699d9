package io.mosaic.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.mosaic.testing.EmbeddedDatabase;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profile reads that find exactly one ready profile are answered by the gateway from the read model (200 with the
 * document); everything else reaches the profile service, here a stub that answers 202 with what reached it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(value = StubServices.class, initArgs = @ResourceArg(name = "profile", value = "up"))
class ReadyProfilesTest extends GatewayTestBase {
    private static final String DOCUMENT = "{\"customerId\":\"c-1\",\"traits\":{\"name\":\"Ana\"}}";

    /** The columns of the profile service's view profile.profile_read, as a table the test can fill. */
    @BeforeAll
    static void readModel() throws SQLException {
        execute("create schema if not exists profile");
        execute("create table if not exists profile.profile_read"
                + " (tenant text, kind text, value text, customer_id text, document text)");
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
    void anotherTenantsProfileIsNeverServed() throws SQLException {
        store("id", "c-1", "c-1", DOCUMENT);
        String stranger = key("t-other-" + tenant, "profiles:read");

        as(stranger)
                .get("/v1/profiles/c-1")
                .then()
                .statusCode(202)
                .body("path", equalTo("/v1/profiles/c-1"))
                .body("headers.x-mosaic-tenant", equalTo("t-other-" + tenant));
    }

    @Test
    void whatIsNotExactlyOneReadyProfileIsAnsweredByTheService() throws SQLException {
        String reader = key(tenant, "profiles:read");
        store("phone", "+6281234567890", "c-1", DOCUMENT);
        store("phone", "+6281234567890", "c-2", DOCUMENT.replace("c-1", "c-2"));
        store("id", "c-1", "c-1", DOCUMENT);

        for (String path : new String[] {
            "/v1/profiles?phone=%2B6281234567890", // shared: the service answers 409
            "/v1/profiles/nobody", // 404
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

        execute("alter table profile.profile_read rename to profile_read_away");
        try {
            as(reader).get("/v1/profiles/c-1").then().statusCode(202).body("path", equalTo("/v1/profiles/c-1"));
        } finally {
            execute("alter table profile.profile_read_away rename to profile_read");
        }
        as(reader).get("/v1/profiles/c-1").then().statusCode(200).body(equalTo(DOCUMENT));
    }

    private void store(String kind, String value, String customerId, String document) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement insert =
                        connection.prepareStatement("insert into profile.profile_read values (?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, kind);
            insert.setString(3, value);
            insert.setString(4, customerId);
            insert.setString(5, document);
            insert.executeUpdate();
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = connect()) {
            connection.createStatement().execute(sql);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                EmbeddedDatabase.jdbcUrl(), EmbeddedDatabase.USER, EmbeddedDatabase.PASSWORD);
    }
}
