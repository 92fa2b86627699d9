package io.mosaic.segmentation.behavior;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one customer did on one UTC day. Every field is a count or a sum, so two buckets merge by adding and the
 * result does not depend on the order events arrived in.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public class DayBucket {
    public int events;
    public int purchases;
    public int flashSalePurchases;
    public int ticketsOpened;
    public int ticketsResolved;
    public int promotionsSent;
    public int promotionsResponded;
    /** Net spend per ISO 4217 currency: purchases minus refunds. */
    public Map<String, BigDecimal> spend = new TreeMap<>();
    /** Events per channel, by wire name. */
    public Map<String, Integer> channels = new TreeMap<>();

    public void add(DayBucket other) {
        events += other.events;
        purchases += other.purchases;
        flashSalePurchases += other.flashSalePurchases;
        ticketsOpened += other.ticketsOpened;
        ticketsResolved += other.ticketsResolved;
        promotionsSent += other.promotionsSent;
        promotionsResponded += other.promotionsResponded;
        other.spend.forEach(this::addSpend);
        other.channels.forEach((channel, count) -> channels.merge(channel, count, Integer::sum));
    }

    public void addSpend(String currency, BigDecimal amount) {
        spend.merge(currency, amount, BigDecimal::add);
    }

    public void countChannel(String channel) {
        channels.merge(channel, 1, Integer::sum);
    }
}
