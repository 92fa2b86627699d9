package io.mosaic.segmentation.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Rule values are read as exact decimals, as events are: read as doubles, {@code 999999999999999.999999} would be
 * rounded to 10^15 and {@code 1e400} to Infinity, and a rule would not read back as it was sent.
 */
@Singleton
public class ExactNumbers implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
