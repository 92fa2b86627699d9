package io.mosaic.segmentation.destinations;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A tenant's webhook: where segment changes go, which ones, and the secret they are signed with (encrypted). */
@Entity
@Table(name = "destination")
public class Destination extends PanacheEntityBase {
    @Id
    public UUID id;

    public String tenant;
    public String name;
    public String url;

    /** Segment ids; null for every segment. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> segments;

    /** {@code entered}, {@code exited} or both. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> changes;

    /** Profile fields each delivery carries ({@link ProfileFields}); null for none. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> include;

    @Column(name = "secret")
    public byte[] encryptedSecret;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<Destination> ofTenant(String tenant) {
        return list("tenant = ?1 order by createdAt", tenant);
    }

    public static Destination ofTenant(String tenant, UUID id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }
}
