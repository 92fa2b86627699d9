package io.mosaic.gateway.routing;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path split into segments, each percent-decoded once. Only one spelling of a path is accepted, so that
 * what the gateway authorises is exactly what the server routes: no empty segments (double or trailing slashes),
 * no dot segments (also encoded), no matrix parameters ({@code ;}), no backslashes, no control characters, valid
 * UTF-8 and well-formed escapes. Anything else is no path at all, and the gateway answers 404.
 */
record RequestPath(List<Segment> segments) {
    /** Longest path the gateway routes, in characters as sent. */
    static final int MAX_LENGTH = 2_048;

    /** One segment as sent ({@code raw}) and as meant ({@code value}). */
    record Segment(String raw, String value) {}

    static Optional<RequestPath> parse(String raw) {
        if (raw == null || raw.length() < 2 || raw.length() > MAX_LENGTH || raw.charAt(0) != '/') {
            return Optional.empty();
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : raw.substring(1).split("/", -1)) {
            Optional<String> value = decode(part);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            segments.add(new Segment(part, value.get()));
        }
        return Optional.of(new RequestPath(List.copyOf(segments)));
    }

    private static Optional<String> decode(String part) {
        if (part.isEmpty() || part.indexOf(';') >= 0 || part.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        if (isPlain(part)) {
            return part.equals(".") || part.equals("..") ? Optional.empty() : Optional.of(part);
        }
        ByteBuffer bytes = ByteBuffer.allocate(part.length() * 4);
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                if (i + 2 >= part.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(part.charAt(i + 1), 16);
                int low = Character.digit(part.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        String value;
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            value = chars.toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        if (value.equals(".") || value.equals("..") || value.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** Printable ASCII without escapes: the segment means what it says (most paths, so no decoding for them). */
    private static boolean isPlain(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '%') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~@:+".indexOf(c) >= 0;
    }

    /** The value, percent-encoded in the one spelling the gateway forwards: unreserved characters as they are. */
    static String encode(String value) {
        int plain = 0;
        while (plain < value.length() && isUnreserved(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
