package io.mosaic.profile.readmodel;

import io.mosaic.persistence.Jdbc;
import io.mosaic.profile.stream.ProfileState;
import io.mosaic.profile.stream.ProfileStateSerde;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Copies a batch of one of the topology's changelogs into the read model, in one transaction: only the last record
 * of each key counts (coalesced), a value is an upsert and a tombstone a delete, as multi-row statements. Applying a
 * batch again gives the same rows, so a redelivery after a crash between the commit and the offset commit is
 * harmless.
 */
@ApplicationScoped
public class ReadModelWriter {

    private final Jdbc jdbc;

    public ReadModelWriter(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * {@code profiles}: key {@code tenant:customerId}, the customer's state. A profile becomes its document (and,
     * when its lookups version moved, its lookup keys); a pointer leaves no document and one key, its id to its
     * survivor, so an absorbed id finds the survivor from the moment the merge reaches it (the survivor lists it
     * among its own keys only once the absorbed state has travelled there); a tombstone or a state without events
     * yet leaves nothing.
     */
    @Transactional
    public void profiles(List<ConsumerRecord<String, byte[]>> records) {
        List<String> gone = new ArrayList<>();
        Map<String, ProfileState> profiles = new LinkedHashMap<>();
        List<String[]> rows = new ArrayList<>();
        latest(records).forEach((key, value) -> {
            ProfileState state = value == null ? null : ProfileStateSerde.read(value);
            if (state != null && state.isProfile()) {
                profiles.put(key, state);
            } else {
                gone.add(key);
                if (state != null && state.isPointer()) {
                    String[] parts = split(key);
                    rows.add(new String[] {parts[0], "id", parts[1], state.mergedInto});
                }
            }
        });
        deleteByCustomer("profile_document", gone);
        deleteByCustomer("profile_lookup", gone);
        deleteIdKeys(gone); // a pointer's key to its survivor is written again below; an erased one's is not
        Map<String, Long> storedLookups = lookupsVersions(profiles.keySet());
        jdbc.batch(
                "insert into profile_document (tenant, customer_id, document, lookups_version) values (?, ?, ?, ?)"
                        + " on conflict (tenant, customer_id) do update"
                        + " set document = excluded.document, lookups_version = excluded.lookups_version",
                profiles.entrySet(),
                (statement, entry) -> {
                    String[] key = split(entry.getKey());
                    statement.setString(1, key[0]);
                    statement.setString(2, key[1]);
                    statement.setString(
                            3, new String(ProfileDocument.render(key[1], entry.getValue()), StandardCharsets.UTF_8));
                    statement.setLong(4, entry.getValue().lookupsVersion);
                });
        List<String> moved = profiles.entrySet().stream()
                .filter(entry ->
                        !Long.valueOf(entry.getValue().lookupsVersion).equals(storedLookups.get(entry.getKey())))
                .map(Map.Entry::getKey)
                .toList();
        deleteByCustomer("profile_lookup", moved);
        for (String key : moved) {
            String[] parts = split(key);
            ProfileDocument.lookupKeys(parts[1], profiles.get(key))
                    .forEach(lookup -> rows.add(new String[] {parts[0], lookup[0], lookup[1], parts[1]}));
        }
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

    /** The lookups version stored with each of these customers' documents, by key; none for a new one. */
    private Map<String, Long> lookupsVersions(java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<String> tenants = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        keys.forEach(key -> {
            String[] parts = split(key);
            tenants.add(parts[0]);
            customers.add(parts[1]);
        });
        return jdbc.queryMap(
                "select d.tenant || ':' || d.customer_id, d.lookups_version from profile_document d"
                        + " join unnest(?::text[], ?::text[]) as k(tenant, customer_id)"
                        + " on d.tenant = k.tenant and d.customer_id = k.customer_id",
                statement -> {
                    statement.setArray(1, Jdbc.textArray(statement, tenants));
                    statement.setArray(2, Jdbc.textArray(statement, customers));
                },
                row -> row.getString(1),
                row -> row.getLong(2));
    }

    private static String[] split(String key) {
        int colon = key.indexOf(':');
        return new String[] {key.substring(0, colon), key.substring(colon + 1)};
    }

    /** {@code timeline}: key {@code tenant:customerId} NUL position, the served entry. */
    @Transactional
    public void timeline(List<ConsumerRecord<String, byte[]>> records) {
        List<String[]> upserts = new ArrayList<>();
        List<String[]> deletes = new ArrayList<>();
        latest(records).forEach((key, value) -> {
            int colon = key.indexOf(':');
            int nul = key.indexOf('\u0000');
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
            String[] parts = split(key);
            statement.setString(1, parts[0]);
            statement.setString(2, parts[1]);
        });
    }

    /** Every {@code id} key naming these customers, whoever they lead to. */
    private void deleteIdKeys(List<String> keys) {
        jdbc.batch(
                "delete from profile_lookup where tenant = ? and kind = 'id' and value = ?", keys, (statement, key) -> {
                    String[] parts = split(key);
                    statement.setString(1, parts[0]);
                    statement.setString(2, parts[1]);
                });
    }

    /** The last value of each key in the batch, in the order keys were first seen. */
    private static Map<String, byte[]> latest(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, byte[]> latest = new LinkedHashMap<>();
        records.forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }
}
