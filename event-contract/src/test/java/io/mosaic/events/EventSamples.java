package io.mosaic.events;

import java.util.List;

/** One valid client event of each type a client may send, in the single-quoted form {@code json()} reads. */
final class EventSamples {
    private static final String HEAD = "'occurredAt': '2026-11-29T08:00:00Z', 'source': 'test', 'customerId': 'c-1', ";

    static final List<String> ALL = List.of(
            "{'type': 'customer.identified', " + HEAD
                    + "'identifiers': {'email': 'a@b.co', 'whatsapp': '+6281234567890'}, 'properties': {'traits': {"
                    + "'demographic': {'birthYear': 1990, 'ageRange': '35-44', 'gender': 'female', 'education': 'bachelor',"
                    + " 'occupation': 'engineer', 'incomeBand': 'upper-middle'},"
                    + "'geographic': {'country': 'ID', 'region': 'West Java', 'city': 'Bandung', 'district': 'Coblong', 'postalCode': '40132'},"
                    + "'psychographic': {'interests': ['coffee'], 'values': ['sustainability'], 'lifestyle': ['urban'], 'motivations': ['value']},"
                    + "'custom': {'vip': true, 'score': 3.5}}}}",
            "{'type': 'customer.merged', " + HEAD + "'properties': {'mergedCustomerId': 'c-2'}}",
            "{'type': 'consent.updated', " + HEAD + "'properties': {'purpose': 'marketing', 'granted': false}}",
            "{'type': 'ticket.opened', " + HEAD
                    + "'channel': 'email', 'properties': {'ticketId': 't-1', 'category': 'billing', 'priority': 'high', 'subject': 'Refund'}}",
            "{'type': 'ticket.resolved', " + HEAD
                    + "'channel': 'chat', 'properties': {'ticketId': 't-1', 'firstResponseMinutes': 4.5, 'resolutionMinutes': 90, 'reopened': false}}",
            "{'type': 'message.received', " + HEAD + "'channel': 'whatsapp', 'properties': {'ticketId': 't-1'}}",
            "{'type': 'message.sent', " + HEAD + "'channel': 'social'}",
            "{'type': 'survey.answered', " + HEAD
                    + "'properties': {'kind': 'nps', 'score': 9, 'answers': {'q1': 'great'}}}",
            "{'type': 'purchase.completed', " + HEAD
                    + "'properties': {'orderId': 'o-1', 'amount': 99.9, 'currency': 'EUR'}}",
            "{'type': 'purchase.refunded', " + HEAD
                    + "'properties': {'orderId': 'o-1', 'amount': 10, 'currency': 'EUR'}}",
            "{'type': 'promotion.sent', " + HEAD
                    + "'channel': 'email', 'properties': {'campaignId': 'bf-2026', 'kind': 'voucher'}}",
            "{'type': 'promotion.responded', " + HEAD
                    + "'properties': {'campaignId': 'bf-2026', 'response': 'redeemed'}}",
            "{'type': 'interaction.tracked', " + HEAD
                    + "'channel': 'app', 'properties': {'name': 'Video Played', 'kind': 'track',"
                    + " 'custom': {'videoId': 'v-7', 'watched': 0.75}}}");

    private EventSamples() {}
}
