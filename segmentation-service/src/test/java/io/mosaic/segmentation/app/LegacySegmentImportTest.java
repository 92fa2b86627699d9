package io.mosaic.segmentation.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.mosaic.persistence.Jdbc;
import io.mosaic.segmentation.SegmentationTestBase;
import io.mosaic.testing.FreshStateDirectory;
import io.mosaic.testing.KafkaTestResource;
import io.mosaic.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(FreshStateDirectory.class)
class LegacySegmentImportTest extends SegmentationTestBase {
    @Inject
    Jdbc jdbc;

    @Inject
    LegacySegmentImport legacy;

    private void row(String id, String name, String rule, boolean builtIn) {
        jdbc.update(
                "insert into legacy_segment (tenant, id, name, description, rule, built_in, created_at, updated_at)"
                        + " values (?, ?, ?, '', ?::jsonb, ?, now() - interval '3 days', now() - interval '1 day')",
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, id);
                    statement.setString(3, name);
                    statement.setString(4, rule);
                    statement.setBoolean(5, builtIn);
                });
    }

    @Test
    void oldDefinitionsMoveToTheTopicOnceAndTheTopicWins() {
        jdbc.update(
                "insert into legacy_tenant (tenant, created_at) values (?, now())",
                statement -> statement.setString(1, tenant));
        String buyers = "{\"metric\": \"purchases.count\", \"op\": \"gte\", \"value\": 1}";
        row("buyers", "Buyers", buyers, false);
        row("vip", "Big spenders", "{\"metric\": \"rfm.score\", \"op\": \"gte\", \"value\": 14}", true);
        for (String untouched : java.util.List.of(
                "at-risk", "flash-sale-hunters", "promotion-responders", "detractors", "new-customers")) {
            row(
                    untouched,
                    io.mosaic.segmentation.segments.BuiltInSegments.ALL.stream()
                            .filter(s -> s.id().equals(untouched))
                            .findFirst()
                            .orElseThrow()
                            .name(),
                    io.mosaic.segmentation.segments.BuiltInSegments.ALL.stream()
                            .filter(s -> s.id().equals(untouched))
                            .findFirst()
                            .orElseThrow()
                            .ruleJson()
                            .toString(),
                    true);
        } // no row for "dormant": the tenant had deleted it

        assertThat(legacy.importAll()).isEqualTo(3);

        api().get("/v1/segments")
                .then()
                .statusCode(200)
                .body("items.id", hasItem("buyers"))
                .body("items.id", not(hasItem("dormant")))
                .body("items.find { it.id == 'vip' }.name", equalTo("Big spenders"))
                .body("items.find { it.id == 'vip' }.rule.value", equalTo(14));
        assertThat(jdbc.query(
                        "select count(*) from legacy_segment where tenant = ?",
                        statement -> statement.setString(1, tenant),
                        row -> row.getLong(1)))
                .containsExactly(0L);
        assertThat(legacy.importAll()).isZero();
    }
}
