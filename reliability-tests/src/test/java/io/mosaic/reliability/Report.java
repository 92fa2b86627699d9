package io.mosaic.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tests did and saw, written when the platform stops to {@code target/reliability-report.md} and to
 * {@code docs/RELIABILITY.md}, naming the commit it was measured on: the build that runs the checks regenerates
 * the report, so its rows come from these tests, never from hand.
 */
final class Report {
    static final Path FILE = Path.of("target", "reliability-report.md");
    private static final Path ROOT = Path.of(System.getProperty("mosaic.root", ".."));

    /** One injected fault: what was done, events sent, applied, lost and duplicated. */
    record Fault(String fault, String injection, long sent, long applied, long lost, long duplicated, String also) {}

    /** One class of hostile input: what was tried, how many requests, what came back. */
    record Hostile(String input, String tried, long requests, String outcome) {}

    private static final List<Fault> FAULTS = new ArrayList<>();
    private static final List<Hostile> HOSTILE = new ArrayList<>();

    private Report() {}

    static synchronized void fault(Fault fault) {
        FAULTS.add(fault);
    }

    static synchronized void hostile(Hostile hostile) {
        HOSTILE.add(hostile);
    }

    static synchronized void write() throws IOException {
        StringBuilder text = new StringBuilder("# Reliability: faults and hostile input\n\n")
                .append("Written by the `reliability-tests` module of the build (`./mvnw -B verify`) of ")
                .append(commit())
                .append(" on ")
                .append(Instant.now())
                .append("; every row is a test that passed. The build rewrites this file each time it runs:"
                        + " commit it with the change it measured.\n\n")
                .append("The platform under test: the four packaged services, each in its own JVM, on a Kafka broker")
                .append(" (KRaft) and a PostgreSQL server that the tests stop and start on the same ports and data;")
                .append(" 3 partitions per topic. Events are the demo's mix (identities, purchases with promotions")
                .append(" and flash sales, messages on five channels, tickets, surveys, duplicate contacts merged).")
                .append(
                        " *Applied* = distinct events found in the profiles' timelines; *lost* = sent and 202'd but not")
                .append(" applied; *duplicated* = applied more than once, counted where a double application shows:")
                .append(" timeline entries that appear twice, plus, per customer, how far each behavior counter of one")
                .append(" per event (purchases, tickets, CSAT answers, promotions sent and responded, interactions per")
                .append(" channel) stands above a clean run's over the same events. Profiles, behavior sums and")
                .append(
                        " segment memberships are compared with that clean run's too. RFM scores, and the loyalty tier and VIP segment that rest on them, move with the")
                .append(" clock (a customer's recency in whole days against the tenant's quintiles): they are checked")
                .append(" as recomputed (as many customers scored), everything else exactly.\n\n## Faults\n\n")
                .append("| fault | how it was injected | events sent | applied | lost | duplicated | also checked |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Fault fault : FAULTS) {
            text.append(String.format(
                    "| %s | %s | %,d | %,d | %d | %d | %s |%n",
                    fault.fault(),
                    fault.injection(),
                    fault.sent(),
                    fault.applied(),
                    fault.lost(),
                    fault.duplicated(),
                    fault.also()));
        }
        text.append("\n## Hostile input\n\n| input | what was tried | requests | outcome |\n|---|---|---|---|\n");
        for (Hostile hostile : HOSTILE) {
            text.append(String.format(
                    "| %s | %s | %,d | %s |%n",
                    hostile.input(), hostile.tried(), hostile.requests(), hostile.outcome()));
        }
        Files.writeString(FILE, text);
        Files.writeString(ROOT.resolve("docs").resolve("RELIABILITY.md"), text);
    }

    /** The commit the build ran on, and whether the working tree had changes to tracked files besides. */
    private static String commit() {
        String head = git("rev-parse", "--short=12", "HEAD");
        if (head.isEmpty()) {
            return "a tree outside git";
        }
        String changed = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/RELIABILITY.md");
        return "commit `" + head + "`" + (changed.isEmpty() ? "" : " with uncommitted changes");
    }

    private static String git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", ROOT.toString()));
        command.addAll(List.of(arguments));
        try {
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
