package io.mosaic.profile.readmodel;

import io.agroal.api.AgroalDataSource;
import io.mosaic.persistence.Jdbc;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads of the read model, each one indexed statement through the reads' own small pool
 * ({@code quarkus.datasource.reads}, see application.properties): a profile is a lookup key joined to its ready
 * document (the view {@code profile_read}, which the gateway reads too), a timeline page a range of one customer's
 * entries. Nothing is assembled or parsed on the way.
 */
@ApplicationScoped
public class ProfileReads {
    /** At most this many customers are named when an identifier is shared. */
    public static final int MAX_HOLDERS = 20;

    static final String FIND = "select customer_id, document from profile_read"
            + " where tenant = ? and kind = ? and value = ? order by customer_id limit " + (MAX_HOLDERS + 1);

    static final String PAGE = "select position, entry from timeline_entry where tenant = ? and customer_id = ?"
            + " and position < ? order by position desc limit ?";

    /** A profile found: the surviving customer's id and its document. */
    public record Found(String customerId, String document) {}

    /** A timeline entry: where it is (a page's cursor) and its JSON. */
    public record Entry(String position, String json) {}

    private final Jdbc jdbc;

    public ProfileReads(@DataSource("reads") AgroalDataSource reads) {
        this.jdbc = new Jdbc(reads);
    }

    /**
     * The profiles found by one key ({@code kind} {@code id}, {@code email}, {@code phone}, {@code whatsapp} or
     * {@code external}): none, one, or several when customers share an identifier (at most
     * {@link #MAX_HOLDERS} + 1, by id).
     */
    public List<Found> find(String tenant, String kind, String value) {
        return jdbc.query(
                FIND,
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, kind);
                    statement.setString(3, value);
                },
                row -> new Found(row.getString(1), row.getString(2)));
    }

    /** Up to {@code limit} entries of the customer before {@code position} (null: the newest), newest first. */
    public List<Entry> timeline(String tenant, String customerId, String before, int limit) {
        return jdbc.query(
                PAGE,
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, customerId);
                    statement.setString(3, before == null ? "g" : before); // "g" sorts after every hex digit
                    statement.setInt(4, limit);
                },
                row -> new Entry(row.getString(1), row.getString(2)));
    }
}
