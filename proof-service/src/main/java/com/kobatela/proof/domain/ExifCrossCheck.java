package com.kobatela.proof.domain;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Confronts the photo-rule fields the partner sent ({@code exif_timestamp}, {@code gps_lat}, {@code gps_lng},
 * spec {@code rules.md#photo-rules}) with the EXIF block of the photo itself: a field the partner left out is
 * filled from the photo, a field that disagrees sends the proof to review ({@code EXIF_MISMATCH}, a soft reason:
 * never a hard error). Filled coordinates are decimal strings, as a partner's JSON numbers become in the working
 * metadata. The outcome is recorded in {@code metadata.exif_check}. Pure function.
 */
public final class ExifCrossCheck {

    /** The soft review reason. */
    public static final String EXIF_MISMATCH = "EXIF_MISMATCH";

    private ExifCrossCheck() {
    }

    /**
     * Fills and compares.
     *
     * @param working           the working metadata, changed in place
     * @param facts             what the photo says
     * @param fill              false when the partner sent no metadata at all (it stays a MISSING_METADATA review)
     * @param gpsMismatchM      metres between the two positions beyond which they disagree
     * @param timestampMismatch gap beyond which the two capture times disagree; a photo time without offset is
     *                          compared as wall-clock time with the partner's time in its own offset
     * @return true when the proof must go to review for {@link #EXIF_MISMATCH}
     */
    public static boolean apply(Map<String, Object> working, ExifFacts facts, boolean fill, double gpsMismatchM,
            Duration timestampMismatch) {
        List<String> filled = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        OffsetDateTime sent = PhotoRules.dateTime(working.get("exif_timestamp"));
        if (facts.takenAt() != null) {
            if (isMissing(working.get("exif_timestamp"))) {
                if (fill) {
                    working.put("exif_timestamp", facts.isoTimestamp());
                    filled.add("exif_timestamp");
                }
            } else if (sent != null && gap(sent, facts).compareTo(timestampMismatch) > 0) {
                mismatches.add("exif_timestamp");
            }
        }
        if (facts.gpsLat() != null) {
            if (isMissing(working.get("gps_lat")) && isMissing(working.get("gps_lng"))) {
                if (fill) {
                    working.put("gps_lat", decimal(facts.gpsLat()));
                    working.put("gps_lng", decimal(facts.gpsLng()));
                    filled.add("gps_lat");
                    filled.add("gps_lng");
                }
            } else {
                Double lat = PhotoRules.latitude(working.get("gps_lat"));
                Double lng = PhotoRules.longitude(working.get("gps_lng"));
                if (lat != null && lng != null
                        && Geofence.distanceMeters(lat, lng, facts.gpsLat(), facts.gpsLng()) > gpsMismatchM) {
                    mismatches.add("gps");
                }
            }
        }
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("status", "read");
        check.put("exif_timestamp", facts.isoTimestamp());
        check.put("gps_lat", facts.gpsLat());
        check.put("gps_lng", facts.gpsLng());
        check.put("filled", filled);
        check.put("mismatches", mismatches);
        working.put("exif_check", check);
        return !mismatches.isEmpty();
    }

    /** Records in {@code metadata.exif_check} that the photo could not be read (the proof goes on unchanged). */
    public static void skipped(Map<String, Object> working, String reason) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("status", "error");
        check.put("reason", reason);
        working.put("exif_check", check);
    }

    private static Duration gap(OffsetDateTime sent, ExifFacts facts) {
        if (facts.offset() != null) {
            return Duration.between(sent.toInstant(), facts.takenAt().atOffset(facts.offset()).toInstant()).abs();
        }
        LocalDateTime sentWallClock = sent.toLocalDateTime();
        return Duration.between(sentWallClock, facts.takenAt()).abs();
    }

    /** Like a partner's JSON number after step 4 of the pipeline: a decimal string. */
    private static String decimal(double v) {
        return java.math.BigDecimal.valueOf(v).toPlainString();
    }

    private static boolean isMissing(Object v) {
        return v == null || (v instanceof String s && s.isBlank());
    }
}
