package io.mosaic.profile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** {@code mosaic.profile.*}: how identities merge, how much history a profile keeps, the topology's own topics. */
@ConfigMapping(prefix = "mosaic.profile")
public interface ProfileConfig {
    Merge merge();

    Timeline timeline();

    /** How long an event id is remembered to drop a retried event: the dedup window. */
    @WithDefault("7d")
    Duration dedupWindow();

    /** Where a merge or erasure is passed to the task that owns another customer: partitioned like the events. */
    @WithDefault("mosaic.profile.handovers")
    String handoversTopic();

    /** Where claims on identifiers meet the task that owns the identifier: keyed by tenant and identifier. */
    @WithDefault("mosaic.profile.claims")
    String claimsTopic();

    interface Merge {
        /** An identifier presented by more customer ids than this is shared (a family phone) and merges nothing. */
        @WithDefault("3")
        int maxCustomersPerIdentifier();

        /** Exact values (any kind, case-insensitive) that are placeholders. */
        @WithDefault("none")
        List<String> blockedValues();

        @WithDefault("example.com,example.org,example.net,test.com,invalid,localhost,email.com")
        List<String> blockedEmailDomains();

        /** The part before the {@code @} of placeholder emails. */
        @WithDefault("noreply,no-reply,donotreply,do-not-reply,test,none,null,unknown,na,n/a,email")
        List<String> blockedEmailNames();
    }

    interface Timeline {
        /** The newest interactions kept per customer; older ones are dropped. */
        @WithDefault("200")
        int maxEntriesPerCustomer();
    }
}
