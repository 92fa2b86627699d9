package io.mosaic.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The services' logs (everything they wrote in this run, faults included) hold no API key, no secret and no
 * personal data. Named to run last, so that it reads what every other test made the services log; it provokes
 * the likeliest leaks itself too, so it proves something on its own.
 */
@ExtendWith(Platform.class)
class SecretsInLogsIT {
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.-]+");
    private static final Pattern PHONE = Pattern.compile("\\+62\\d{8,}");

    @Test
    void noKeySecretOrPersonalDataInAnyServiceLog() throws IOException {
        String key = Client.fullKey(Client.newTenant("logs"));
        String wrongKey = "mk_" + UUID.randomUUID().toString().replace("-", "") + "_presented-but-unknown";
        Client.as(wrongKey).get("/v1/profiles/c-1").then().statusCode(401);
        String customer = "logged-" + UUID.randomUUID();
        Client.postBatch(key, List.of(identified(customer, "leak.test@tokoku.id", "+6281399990000", 1200)))
                .then()
                .statusCode(200)
                .body("rejected.size()", org.hamcrest.Matchers.equalTo(1));
        Client.postBatch(key, List.of(identified(customer, "leak.test@tokoku.id", "+6281399990000", null)))
                .then()
                .statusCode(200);
        Client.awaitCaughtUp(key);
        Client.as(key).get("/v1/profiles?email=leak.test@tokoku.id").then().statusCode(200);
        Client.as(key).get("/v1/profiles?phone=+6281399990000").then().statusCode(200);
        Client.as(key).delete("/v1/profiles/" + customer).then().statusCode(202);
        Client.awaitCaughtUp(key);

        List<String> secrets = new ArrayList<>(Client.KEYS_ISSUED);
        secrets.addAll(List.of(Platform.ADMIN_KEY, Platform.INTERNAL_TOKEN, Platform.PEPPER, wrongKey));
        List<String> leaks = new ArrayList<>();
        long lines = 0;
        List<Path> logs;
        try (Stream<Path> files = Files.list(Platform.DATA.resolve("logs"))) {
            logs = files.filter(path -> path.toString().endsWith(".log"))
                    .sorted()
                    .toList();
        }
        for (Path log : logs) {
            List<String> content = Files.readAllLines(log);
            lines += content.size();
            for (String line : content) {
                for (String secret : secrets) {
                    if (line.contains(secret)) {
                        leaks.add(log.getFileName() + ": a key or secret: " + line);
                    }
                }
                for (Pattern personal : List.of(EMAIL, PHONE)) {
                    Matcher matcher = personal.matcher(line);
                    if (matcher.find()) {
                        leaks.add(log.getFileName() + ": personal data " + matcher.group() + ": " + line);
                    }
                }
            }
        }
        assertThat(logs).as("service logs").hasSizeGreaterThanOrEqualTo(4);
        assertThat(leaks).as("log lines that leak").isEmpty();
        Report.hostile(new Report.Hostile(
                "Keys and personal data in logs",
                String.format(
                        "every service log of the run (%d files, %,d lines, faults included) searched for the %d keys"
                                + " issued, the admin key, internal token, pepper, a presented unknown key, and any"
                                + " e-mail address or +62 phone number",
                        logs.size(), lines, Client.KEYS_ISSUED.size()),
                1,
                "none found"));
    }

    private static Map<String, Object> identified(String customer, String email, String phone, Integer birthYear) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", "customer.identified");
        event.put("occurredAt", Instant.now().minusSeconds(30).toString());
        event.put("source", "crm");
        event.put("customerId", customer);
        event.put("identifiers", Map.of("email", email, "phone", phone));
        Map<String, Object> demographic = new LinkedHashMap<>();
        if (birthYear != null) {
            demographic.put("birthYear", birthYear); // invalid: the event is refused, its values must not be logged
        }
        event.put("properties", Map.of("traits", Map.of("demographic", demographic)));
        return event;
    }
}
