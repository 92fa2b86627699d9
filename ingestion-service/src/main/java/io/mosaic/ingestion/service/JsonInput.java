package io.mosaic.ingestion.service;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.common.InvalidRequestException;
import io.mosaic.events.EventJson;
import java.io.IOException;

/** Parses request bodies; a syntax error is reported with its line and column, a duplicate key is an error. */
final class JsonInput {
    private static final ObjectMapper STRICT =
            EventJson.mapper().copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonInput() {}

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("Empty body", "The request has no body; send a JSON object.");
        }
        try {
            JsonNode node = STRICT.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidRequestException("Empty body", "The request has no body; send a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where =
                    location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new InvalidRequestException(
                    "Malformed JSON", "The body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("Malformed JSON", "The body could not be read as JSON.");
        }
    }
}
