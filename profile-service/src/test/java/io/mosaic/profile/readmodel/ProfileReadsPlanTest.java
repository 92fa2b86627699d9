package io.mosaic.profile.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A profile read must never scan a table. With sequential scans priced out, the planner still picks one where no
 * index can serve a part of the query; so a plan without any proves every part has an index path.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(FreshStateDirectory.class)
@WithTestResource(PostgresTestResource.class)
class ProfileReadsPlanTest {
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
        assertThat(plan("select customer_id from profile_document where document = 'x'"))
                .contains("Seq Scan");
    }

    @Test
    void findingAProfileByIdOrIdentifierUsesIndexesOnly() throws Exception {
        assertThat(plan(ProfileReads.FIND, "t", "email", "a@tokoku.id")).doesNotContain("Seq Scan");
    }

    @Test
    void readingATimelinePageUsesIndexesOnly() throws Exception {
        assertThat(plan(ProfileReads.PAGE.replace("limit ?", "limit 10"), "t", "c-1", "g"))
                .doesNotContain("Seq Scan")
                .doesNotContain("Sort");
    }
}
