package io.mosaic.ingestion.rest;

import static io.restassured.RestAssured.given;

import io.mosaic.events.PlatformHeaders;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the api-gateway sends them: internal token and tenant set. */
final class Requests {
    static final String TOKEN = "test-internal-token";

    private Requests() {}

    static RequestSpecification asGateway(String tenant) {
        return given().contentType(ContentType.JSON)
                .header(PlatformHeaders.INTERNAL_TOKEN, TOKEN)
                .header(PlatformHeaders.TENANT, tenant);
    }

    static String event(String customerId, String eventId) {
        return """
                {"eventId": "%s", "type": "purchase.completed", "occurredAt": "2026-11-30T10:15:00+07:00",
                 "source": "shop", "customerId": "%s", "channel": "web",
                 "identifiers": {"email": "Ana@Example.com"},
                 "properties": {"orderId": "o-1", "amount": 150000, "currency": "IDR",
                   "promotion": {"kind": "flash_sale"}}}
                """.formatted(eventId, customerId);
    }
}
