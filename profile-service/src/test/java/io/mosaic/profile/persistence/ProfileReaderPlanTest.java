package io.mosaic.profile.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A profile read must never scan a table. With sequential scans priced out, the planner still picks one where no
 * index can serve a part of the query; so a plan without any proves every part has an index path.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
class ProfileReaderPlanTest {
    @Inject
    AgroalDataSource dataSource;

    private String plan(String sql, String... parameters) throws Exception {
        return explain("explain ", sql, parameters);
    }

    private String explain(String command, String sql, String... parameters) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement settings = connection.createStatement()) {
                settings.execute("set enable_seqscan = off");
            }
            try (PreparedStatement explain = connection.prepareStatement(command + sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    explain.setString(i + 1, parameters[i]);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                try (Statement settings = connection.createStatement()) {
                    settings.execute("reset enable_seqscan");
                }
            }
        }
    }

    @Test
    void aQueryNoIndexServesIsSeenScanning() throws Exception {
        assertThat(plan("select customer_id from profile where version = 7")).contains("Seq Scan");
    }

    @Test
    void readingAProfileUsesIndexesOnly() throws Exception {
        assertThat(plan(ProfileReader.READ, "t", "c-1", "c-1", "t", "t", "t")).doesNotContain("Seq Scan");
    }

    @Test
    void readingAProfileByIdentifierUsesIndexesOnly() throws Exception {
        assertThat(plan(ProfileReader.READ_BY_IDENTIFIER, "t", "email", "a@tokoku.id", "t", "t", "t"))
                .doesNotContain("Seq Scan");
    }

    @Test
    void findingTheHoldersOfAnIdentifierUsesIndexesOnly() throws Exception {
        assertThat(plan(ProfileReader.HOLDERS, "t", "email", "a@tokoku.id")).doesNotContain("Seq Scan");
    }

    /** Called through the SQL-function executor instead, it was half of a read's database time (V3). */
    @Test
    void theInstantFormatIsInlinedIntoTheRead() throws Exception {
        String plan = explain("explain verbose ", ProfileReader.READ, "t", "c-1", "c-1", "t", "t", "t");
        assertThat(plan).contains("to_char(").doesNotContain("rfc3339(");
    }

    @Test
    void instantsAreWrittenAsJavaWritesThem() throws Exception {
        List<Instant> instants = List.of(
                Instant.parse("2026-11-30T23:59:59Z"),
                Instant.parse("2026-01-02T03:04:05.600Z"),
                Instant.parse("2026-01-02T03:04:05.000007Z"),
                Instant.parse("1999-12-31T00:00:00.123456Z"));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement format = connection.prepareStatement("select rfc3339(?)")) {
            for (Instant instant : instants) {
                format.setObject(1, instant.atOffset(ZoneOffset.ofHours(7)));
                try (ResultSet row = format.executeQuery()) {
                    row.next();
                    assertThat(row.getString(1)).isEqualTo(instant.toString());
                }
            }
            format.setObject(1, null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
            try (ResultSet row = format.executeQuery()) {
                row.next();
                assertThat(row.getString(1)).isNull();
            }
        }
    }
}
