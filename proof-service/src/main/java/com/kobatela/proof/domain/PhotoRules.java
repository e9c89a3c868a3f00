package com.kobatela.proof.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The photo rules of a PHOTO milestone (spec {@code rules.md#photo-rules}, {@code #geofence}): EXIF timestamp at
 * most 120 minutes old and at most 2 minutes in the future, GPS required when a geofence is configured, strict
 * haversine geofence, trusted source. Precedence: GEOFENCE_VIOLATION, MISSING_EXIF_TIMESTAMP, STALE_TIMESTAMP,
 * FUTURE_TIMESTAMP, MISSING_GPS, then the soft UNTRUSTED_SOURCE. Pure function of its inputs.
 */
public final class PhotoRules {

    /** Maximum photo age. */
    public static final Duration MAX_AGE = Duration.ofMinutes(120);
    /** Maximum clock skew into the future. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(2);
    private static final Set<String> TRUSTED_SOURCES = Set.of("app", "camera");

    private PhotoRules() {
    }

    /**
     * Evaluates a photo.
     *
     * @param metadata   the request metadata, null when absent (soft MISSING_METADATA); {@code {}} is present
     * @param geofence   the milestone geofence, null when none is configured
     * @param now        current instant (UTC)
     * @param toleranceM geofence tolerance in metres (default 0)
     * @return the verdict
     */
    public static PhotoVerdict evaluate(Map<String, ?> metadata, Geofence geofence, Instant now, double toleranceM) {
        if (metadata == null) {
            return PhotoVerdict.review("MISSING_METADATA");
        }
        Double lat = latitude(metadata.get("gps_lat"));
        Double lng = longitude(metadata.get("gps_lng"));
        if (geofence != null && lat != null && lng != null && !geofence.contains(lat, lng, toleranceM)) {
            return PhotoVerdict.reject("GEOFENCE_VIOLATION", PhotoVerdict.PHOTO_FAILED);
        }
        Instant taken = timestamp(metadata.get("exif_timestamp"));
        if (taken == null) {
            return PhotoVerdict.reject("MISSING_EXIF_TIMESTAMP", PhotoVerdict.PHOTO_FAILED);
        }
        if (Duration.between(taken, now).compareTo(MAX_AGE) > 0) {
            return PhotoVerdict.reject("STALE_TIMESTAMP", PhotoVerdict.INVALID_METADATA);
        }
        if (Duration.between(now, taken).compareTo(MAX_FUTURE_SKEW) > 0) {
            return PhotoVerdict.reject("FUTURE_TIMESTAMP", PhotoVerdict.INVALID_METADATA);
        }
        if (geofence != null && (lat == null || lng == null)) {
            return PhotoVerdict.reject("MISSING_GPS", PhotoVerdict.PHOTO_FAILED);
        }
        Object source = metadata.get("source");
        String s = source == null ? "" : source.toString().strip().toLowerCase(Locale.ROOT);
        if (!s.isEmpty() && !TRUSTED_SOURCES.contains(s)) {
            return PhotoVerdict.review("UNTRUSTED_SOURCE");
        }
        return PhotoVerdict.approve();
    }

    /**
     * Parses an EXIF timestamp: ISO-8601 with offset or trailing {@code Z}; a naive value is UTC. A single space
     * between date and time is read as {@code T} (the ISO-8601 profile the original accepted).
     *
     * @return the instant, or null when missing, empty, not a string or unparseable
     */
    public static Instant timestamp(Object raw) {
        OffsetDateTime t = dateTime(raw);
        return t == null ? null : t.toInstant();
    }

    /**
     * Same as {@link #timestamp} keeping the offset as written (naive values get {@code Z}).
     *
     * @return the date-time, or null when missing, empty, not a string or unparseable
     */
    public static OffsetDateTime dateTime(Object raw) {
        if (!(raw instanceof String text) || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Latitude read from {@code gps_lat}: a number or numeric string within [-90, 90], else null. */
    public static Double latitude(Object raw) {
        return coordinate(raw, 90);
    }

    /** Longitude read from {@code gps_lng}: a number or numeric string within [-180, 180], else null. */
    public static Double longitude(Object raw) {
        return coordinate(raw, 180);
    }

    /**
     * Reads a coordinate given as a JSON number or a numeric string. A value outside {@code [-limit, limit]} is
     * malformed (a latitude of 365 would otherwise wrap around to 5 in the haversine formula and pass a fence).
     *
     * @return degrees, or null when missing, not numeric, not finite or out of range
     */
    static Double coordinate(Object raw, double limit) {
        if (raw == null || raw instanceof Boolean || raw instanceof java.util.Map || raw instanceof java.util.Collection) {
            return null;
        }
        try {
            double v = raw instanceof Number n ? n.doubleValue() : new BigDecimal(raw.toString().strip()).doubleValue();
            return Double.isFinite(v) && Math.abs(v) <= limit ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
