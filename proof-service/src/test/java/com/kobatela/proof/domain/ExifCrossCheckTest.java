package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Filling and cross-checking partner photo fields with the photo's EXIF block. */
class ExifCrossCheckTest {

    private static final LocalDateTime TAKEN = LocalDateTime.of(2030, 1, 1, 12, 0, 0);
    private static final Duration TWO_MIN = Duration.ofMinutes(2);

    @Test
    void fillsWhatThePartnerLeftOut() {
        Map<String, Object> md = new HashMap<>(Map.of("source", "app"));
        boolean mismatch = ExifCrossCheck.apply(md, new ExifFacts(TAKEN, ZoneOffset.UTC, 5.0, -4.0), true, 50, TWO_MIN);
        assertFalse(mismatch);
        assertEquals("2030-01-01T12:00Z", md.get("exif_timestamp"));
        assertEquals("5.0", md.get("gps_lat"));
        assertEquals("-4.0", md.get("gps_lng"));
        assertEquals(List.of("exif_timestamp", "gps_lat", "gps_lng"), ((Map<?, ?>) md.get("exif_check")).get("filled"));
    }

    @Test
    void doesNotFillWithoutPartnerMetadata() {
        Map<String, Object> md = new HashMap<>();
        ExifCrossCheck.apply(md, new ExifFacts(TAKEN, null, 5.0, -4.0), false, 50, TWO_MIN);
        assertFalse(md.containsKey("exif_timestamp"));
        assertEquals("read", ((Map<?, ?>) md.get("exif_check")).get("status"));
    }

    @Test
    void timestampMismatchBeyondTolerance() {
        Map<String, Object> md = new HashMap<>(Map.of("exif_timestamp", "2030-01-01T13:02:00+01:00"));
        assertFalse(ExifCrossCheck.apply(md, new ExifFacts(TAKEN, ZoneOffset.UTC, null, null), true, 50, TWO_MIN), "exactly 2 min");
        md.put("exif_timestamp", "2030-01-01T13:02:01+01:00");
        assertTrue(ExifCrossCheck.apply(md, new ExifFacts(TAKEN, ZoneOffset.UTC, null, null), true, 50, TWO_MIN));
        assertEquals(List.of("exif_timestamp"), ((Map<?, ?>) md.get("exif_check")).get("mismatches"));
    }

    @Test
    void photoWithoutOffsetIsComparedAsWallClock() {
        Map<String, Object> md = new HashMap<>(Map.of("exif_timestamp", "2030-01-01T12:00:30+03:00"));
        assertFalse(ExifCrossCheck.apply(md, new ExifFacts(TAKEN, null, null, null), true, 50, TWO_MIN),
                "same wall clock in the partner's zone");
        md.put("exif_timestamp", "2030-01-01T09:00:30Z");
        assertTrue(ExifCrossCheck.apply(md, new ExifFacts(TAKEN, null, null, null), true, 50, TWO_MIN));
    }

    @Test
    void gpsMismatchBeyondDistance() {
        Map<String, Object> md = new HashMap<>(Map.of("gps_lat", "5.0", "gps_lng", -4.0));
        assertFalse(ExifCrossCheck.apply(md, new ExifFacts(null, null, 5.0004, -4.0), true, 50, TWO_MIN), "about 44 m");
        assertTrue(ExifCrossCheck.apply(md, new ExifFacts(null, null, 5.001, -4.0), true, 50, TWO_MIN), "about 111 m");
        assertEquals(List.of("gps"), ((Map<?, ?>) md.get("exif_check")).get("mismatches"));
    }

    @Test
    void malformedPartnerGpsIsLeftToThePhotoRules() {
        Map<String, Object> md = new HashMap<>(Map.of("gps_lat", "abc", "gps_lng", -4.0));
        assertFalse(ExifCrossCheck.apply(md, new ExifFacts(null, null, 5.0, -4.0), true, 50, TWO_MIN));
        assertEquals("abc", md.get("gps_lat"), "not missing, so not filled");
    }

    @Test
    void skippedIsRecorded() {
        Map<String, Object> md = new HashMap<>();
        ExifCrossCheck.skipped(md, "fetch_timeout");
        assertEquals(Map.of("status", "error", "reason", "fetch_timeout"), md.get("exif_check"));
    }
}
