package io.mosaic.profile.readmodel;

import io.mosaic.persistence.Jdbc;
import io.mosaic.profile.stream.ProfileDocuments;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Copies a batch of one of the topology's changelogs into its table, in one transaction: only the last record of
 * each key counts (coalesced), a value is an upsert and a tombstone a delete, as multi-row statements. Applying a
 * batch again gives the same rows, so a redelivery after a crash between the commit and the offset commit is
 * harmless.
 */
@ApplicationScoped
public class ReadModelWriter {
    private final Jdbc jdbc;

    public ReadModelWriter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code documents}: key {@code tenant:customerId}, the profile's JSON. */
    @Transactional
    public void documents(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, byte[]> latest = latest(records);
        List<Map.Entry<String, byte[]>> upserts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        latest.forEach((key, value) -> {
            if (value == null) {
                deletes.add(key);
            } else {
                upserts.add(Map.entry(key, value));
            }
        });
        deleteByCustomer("profile_document", deletes);
        jdbc.batch(
                "insert into profile_document (tenant, customer_id, document) values (?, ?, ?)"
                        + " on conflict (tenant, customer_id) do update set document = excluded.document",
                upserts,
                (statement, entry) -> {
                    int colon = entry.getKey().indexOf(':');
                    statement.setString(1, entry.getKey().substring(0, colon));
                    statement.setString(2, entry.getKey().substring(colon + 1));
                    statement.setString(3, new String(entry.getValue(), StandardCharsets.UTF_8));
                });
    }

    /** {@code lookups}: key {@code tenant:customerId}, the NUL-separated {@code kind:value} keys it is found by. */
    @Transactional
    public void lookups(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, byte[]> latest = latest(records);
        deleteByCustomer("profile_lookup", List.copyOf(latest.keySet()));
        List<String[]> rows = new ArrayList<>();
        latest.forEach((key, value) -> {
            if (value != null) {
                int colon = key.indexOf(':');
                String separator = String.valueOf(ProfileDocuments.SEPARATOR);
                for (String lookup : new String(value, StandardCharsets.UTF_8).split(separator)) {
                    int kindEnd = lookup.indexOf(':');
                    rows.add(new String[] {
                        key.substring(0, colon),
                        lookup.substring(0, kindEnd),
                        lookup.substring(kindEnd + 1),
                        key.substring(colon + 1)
                    });
                }
            }
        });
        jdbc.batch(
                "insert into profile_lookup (tenant, kind, value, customer_id) values (?, ?, ?, ?)"
                        + " on conflict do nothing",
                rows,
                (statement, row) -> {
                    for (int i = 0; i < row.length; i++) {
                        statement.setString(i + 1, row[i]);
                    }
                });
    }

    /** {@code timeline}: key {@code tenant:customerId} NUL position, the served entry. */
    @Transactional
    public void timeline(List<ConsumerRecord<String, byte[]>> records) {
        List<String[]> upserts = new ArrayList<>();
        List<String[]> deletes = new ArrayList<>();
        latest(records).forEach((key, value) -> {
            int colon = key.indexOf(':');
            int nul = key.indexOf(ProfileDocuments.SEPARATOR);
            String[] row = {key.substring(0, colon), key.substring(colon + 1, nul), key.substring(nul + 1), null};
            if (value == null) {
                deletes.add(row);
            } else {
                row[3] = new String(value, StandardCharsets.UTF_8);
                upserts.add(row);
            }
        });
        jdbc.batch(
                "delete from timeline_entry where tenant = ? and customer_id = ? and position = ?",
                deletes,
                (statement, row) -> {
                    statement.setString(1, row[0]);
                    statement.setString(2, row[1]);
                    statement.setString(3, row[2]);
                });
        jdbc.batch(
                "insert into timeline_entry (tenant, customer_id, position, entry) values (?, ?, ?, ?)"
                        + " on conflict do nothing",
                upserts,
                (statement, row) -> {
                    for (int i = 0; i < row.length; i++) {
                        statement.setString(i + 1, row[i]);
                    }
                });
    }

    private void deleteByCustomer(String table, List<String> keys) {
        jdbc.batch("delete from " + table + " where tenant = ? and customer_id = ?", keys, (statement, key) -> {
            int colon = key.indexOf(':');
            statement.setString(1, key.substring(0, colon));
            statement.setString(2, key.substring(colon + 1));
        });
    }

    /** The last value of each key in the batch, in the order keys were first seen. */
    private static Map<String, byte[]> latest(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }
}
