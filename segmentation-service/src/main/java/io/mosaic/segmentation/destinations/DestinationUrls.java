package io.mosaic.segmentation.destinations;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs a destination may have: {@code https} to public addresses only, so that no tenant makes the platform
 * send requests into its own network (server-side request forgery). Every address the host resolves to is checked,
 * at creation and again before each delivery (a name can be re-pointed later). Ranges the operator allows
 * ({@code mosaic.destinations.allowed-ranges}) may be private, and may be reached over plain {@code http}.
 */
public final class DestinationUrls {
    public static final int MAX_LENGTH = 2_048;

    private final List<AddressRange> allowed;

    public DestinationUrls(List<String> allowedRanges) {
        this.allowed = allowedRanges.stream().map(AddressRange::parse).toList();
    }

    /** Why {@code url} may not be a destination, or empty when it may. */
    public Optional<String> refusal(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            return Optional.of("is required, an absolute URL of at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getHost() == null || uri.getRawFragment() != null) {
            return Optional.of("must name a host, without user info or fragment");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        boolean allInAllowedRanges = true;
        for (InetAddress address : addresses) {
            boolean allowedHere = allowed.stream().anyMatch(range -> range.contains(address));
            allInAllowedRanges &= allowedHere;
            if (!allowedHere && !isPublic(address)) {
                return Optional.of("must point to a public address (" + address.getHostAddress()
                        + " is private, loopback, link-local or reserved)");
            }
        }
        if (scheme.equals("http") && !allInAllowedRanges) {
            return Optional.of("must be an https URL");
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            return first != 0 // this network
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved, broadcast
        }
        int high = bytes[0] & 0xff;
        boolean uniqueLocal = (high & 0xfe) == 0xfc;
        boolean mappedV4 = isMappedV4(bytes);
        return !uniqueLocal && !mappedV4;
    }

    /** {@code ::ffff:a.b.c.d}: judged as the IPv4 address it carries would be, which is simplest: refused. */
    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    /** One CIDR range, IPv4 or IPv6. */
    record AddressRange(byte[] network, int prefix) {
        static AddressRange parse(String cidr) {
            String[] parts = cidr.trim().split("/", 2);
            try {
                byte[] network = InetAddress.getByName(parts[0]).getAddress();
                int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("bad prefix in " + cidr);
                }
                return new AddressRange(network, prefix);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException(
                        "mosaic.destinations.allowed-ranges: '" + cidr + "' is not an address range (CIDR)", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
