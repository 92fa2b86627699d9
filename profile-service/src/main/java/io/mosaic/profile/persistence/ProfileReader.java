package io.mosaic.profile.persistence;

import io.agroal.api.AgroalDataSource;
import io.mosaic.persistence.Jdbc;
import io.mosaic.profile.identity.IdentifierKey;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Reads a whole profile in one round trip, as the JSON the API serves: the id (or identifier) resolved to its
 * survivor, then the survivor's row, aliases, identifiers (its own and its aliases'), behavior and memberships, each
 * by its index. A read never scans, and the service passes the document on without parsing it. Reads go through
 * their own small pool ({@code quarkus.datasource.reads}, see application.properties).
 */
@ApplicationScoped
public class ProfileReader {
    /** Given the CTE {@code survivor} (one id, or none), that customer's profile; binds the tenant thrice. */
    private static final String PROFILE_OF_SURVIVOR = """
            merged as (
                select alias_id from customer_alias, survivor
                where customer_alias.tenant = ? and customer_alias.survivor_id = survivor.id),
            ids as (
                select kind, value, min(first_seen_at) as seen from identifier
                where tenant = ? and customer_id = any(array(select id from survivor union all select alias_id from merged))
                group by kind, value)
            select json_build_object(
                'customerId', p.customer_id,
                'mergedCustomerIds', (select coalesce(json_agg(alias_id order by alias_id), '[]') from merged),
                'identifiers', json_build_object(
                    'emails', (select coalesce(json_agg(value order by seen, value), '[]') from ids where kind = 'email'),
                    'phones', (select coalesce(json_agg(value order by seen, value), '[]') from ids where kind = 'phone'),
                    'whatsapp', (select coalesce(json_agg(value order by seen, value), '[]') from ids where kind = 'whatsapp'),
                    'externalIds', (select coalesce(json_object_agg(system, values order by system), '{}') from (
                        select split_part(value, ':', 1) as system,
                            json_agg(substr(value, strpos(value, ':') + 1) order by seen, value) as values
                        from ids where kind = 'external' group by 1) as external)),
                'traits', p.traits_view,
                'behavior', b.summary,
                'segments', (select coalesce(json_agg(json_build_object(
                        'id', m.segment_id, 'name', m.segment_name, 'since', rfc3339(m.since)) order by m.segment_id), '[]')
                    from segment_membership m where m.tenant = p.tenant and m.customer_id = p.customer_id),
                'consent', json_build_object(
                    'analytics', coalesce((p.consent -> 'analytics' ->> 'value')::boolean, false),
                    'marketing', coalesce((p.consent -> 'marketing' ->> 'value')::boolean, false),
                    'profiling', coalesce((p.consent -> 'profiling' ->> 'value')::boolean, true)),
                'firstSeenAt', rfc3339(p.first_seen_at),
                'lastSeenAt', rfc3339(p.last_seen_at),
                'updatedAt', rfc3339(p.updated_at),
                'version', p.version)::text
            from survivor
            join profile p on p.tenant = ? and p.customer_id = survivor.id
            left join behavior b on b.tenant = p.tenant and b.customer_id = p.customer_id
            """;

    static final String READ = """
            with survivor as (
                select coalesce(
                    (select survivor_id from customer_alias where tenant = ? and alias_id = ?), ?) as id),
            """ + PROFILE_OF_SURVIVOR;

    /** The surviving customers behind the ids that presented an identifier; binds tenant, kind and value. */
    private static final String HOLDER_IDS =
            "select distinct coalesce(a.survivor_id, i.customer_id) as id from identifier i left join customer_alias a"
                    + " on a.tenant = i.tenant and a.alias_id = i.customer_id"
                    + " where i.tenant = ? and i.kind = ? and i.value = ?";

    /** The profile of the one surviving customer that presented the identifier; no row when none or several did. */
    static final String READ_BY_IDENTIFIER = "with holder as (" + HOLDER_IDS + "),\n"
            + "survivor as (select id from holder where (select count(*) from holder) = 1),\n"
            + PROFILE_OF_SURVIVOR;

    static final String HOLDERS = HOLDER_IDS + " order by 1";

    private final Jdbc jdbc;

    public ProfileReader(@DataSource("reads") AgroalDataSource reads) {
        this.jdbc = new Jdbc(reads);
    }

    /**
     * The profile of the customer or of the survivor it was merged into, as docs/API.md's JSON. Consent: profiling holds
     * until withdrawn (the tenant's legal basis), marketing and analytics only once granted.
     */
    public Optional<String> read(String tenant, String customerId) {
        return profile(READ, tenant, customerId, customerId);
    }

    /**
     * The profile of the one customer holding the identifier, in one round trip; empty when none or several hold
     * it ({@link #holders} tells which).
     */
    public Optional<String> readByIdentifier(String tenant, IdentifierKey key) {
        return profile(READ_BY_IDENTIFIER, tenant, key.kind().wireName(), key.value());
    }

    private Optional<String> profile(String sql, String tenant, String second, String third) {
        return jdbc
                .query(
                        sql,
                        statement -> {
                            statement.setString(1, tenant);
                            statement.setString(2, second);
                            statement.setString(3, third);
                            statement.setString(4, tenant);
                            statement.setString(5, tenant);
                            statement.setString(6, tenant);
                        },
                        row -> row.getString(1))
                .stream()
                .findFirst();
    }

    /** The surviving customers behind the ids that presented the identifier, in one round trip. */
    public List<String> holders(String tenant, IdentifierKey key) {
        return jdbc.query(
                HOLDERS,
                statement -> {
                    statement.setString(1, tenant);
                    statement.setString(2, key.kind().wireName());
                    statement.setString(3, key.value());
                },
                row -> row.getString(1));
    }
}
