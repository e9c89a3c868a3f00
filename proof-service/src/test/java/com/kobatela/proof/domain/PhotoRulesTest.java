package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.kobatela.proof.domain.PhotoVerdict.Outcome;

/** spec rules.md#photo-rules: 120 min max age, 2 min future skew, GPS needed with a geofence, precedence. */
class PhotoRulesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final Geofence FENCE = new Geofence(5.0, -4.0, 500);

    private static Map<String, Object> clean(Instant taken) {
        Map<String, Object> m = new HashMap<>();
        m.put("exif_timestamp", taken.toString());
        m.put("gps_lat", 5.0001);
        m.put("gps_lng", -4.0001);
        m.put("source", "app");
        return m;
    }

    private static PhotoVerdict eval(Map<String, Object> md, Geofence fence) {
        return PhotoRules.evaluate(md, fence, NOW, 0);
    }

    @Test
    void cleanPhotoIsApproved() {
        assertEquals(Outcome.APPROVE, eval(clean(NOW), FENCE).outcome());
        assertEquals(Outcome.APPROVE, eval(clean(NOW), null).outcome());
    }

    @Test
    void exactly120MinutesIsAcceptedOneSecondMoreIsStale() {
        assertEquals(Outcome.APPROVE, eval(clean(NOW.minus(Duration.ofMinutes(120))), FENCE).outcome());
        PhotoVerdict stale = eval(clean(NOW.minus(Duration.ofMinutes(120)).minusSeconds(1)), FENCE);
        assertEquals("STALE_TIMESTAMP", stale.code());
        assertEquals("Invalid photo metadata.", stale.message());
    }

    @Test
    void futureSkewOfTwoMinutes() {
        assertEquals(Outcome.APPROVE, eval(clean(NOW.plus(Duration.ofMinutes(2))), FENCE).outcome());
        assertEquals("FUTURE_TIMESTAMP", eval(clean(NOW.plus(Duration.ofMinutes(2)).plusSeconds(1)), FENCE).code());
    }

    @Test
    void missingOrMalformedExif() {
        Map<String, Object> md = clean(NOW);
        md.remove("exif_timestamp");
        assertEquals("MISSING_EXIF_TIMESTAMP", eval(md, FENCE).code());
        md.put("exif_timestamp", "yesterday");
        assertEquals("MISSING_EXIF_TIMESTAMP", eval(md, FENCE).code());
        assertEquals("MISSING_EXIF_TIMESTAMP", eval(new HashMap<>(), null).code(), "{} is present but empty: hard error");
    }

    @Test
    void naiveTimestampIsUtc() {
        Map<String, Object> md = clean(NOW);
        md.put("exif_timestamp", "2030-01-01T11:00:00");
        assertEquals(Outcome.APPROVE, eval(md, FENCE).outcome());
    }

    @Test
    void absentMetadataIsASoftReview() {
        PhotoVerdict v = eval(null, FENCE);
        assertEquals(Outcome.REVIEW, v.outcome());
        assertEquals("MISSING_METADATA", v.code());
    }

    @Test
    void gpsRequiredOnlyWithAGeofence() {
        Map<String, Object> md = clean(NOW);
        md.remove("gps_lat");
        assertEquals("MISSING_GPS", eval(md, FENCE).code());
        assertEquals(Outcome.APPROVE, eval(md, null).outcome());
        md.put("gps_lat", "not-a-number");
        assertEquals("MISSING_GPS", eval(md, FENCE).code(), "malformed GPS counts as missing");
        md.put("gps_lat", "5.0001");
        assertEquals(Outcome.APPROVE, eval(md, FENCE).outcome(), "numeric strings are accepted");
    }

    @Test
    void geofenceViolationWinsOverEverything() {
        Map<String, Object> md = clean(NOW.minus(Duration.ofDays(1)));
        md.put("gps_lat", 6.0);
        md.put("source", "whatsapp");
        PhotoVerdict v = eval(md, FENCE);
        assertEquals("GEOFENCE_VIOLATION", v.code());
        assertEquals("Photo failed validation.", v.message());
    }

    @Test
    void untrustedSourceIsSoft() {
        Map<String, Object> md = clean(NOW);
        md.put("source", " WhatsApp ");
        assertEquals(new PhotoVerdict(Outcome.REVIEW, "UNTRUSTED_SOURCE", null), eval(md, FENCE));
        md.put("source", " Camera ");
        assertEquals(Outcome.APPROVE, eval(md, FENCE).outcome());
    }

    @Test
    void coordinateParsing() {
        assertNull(PhotoRules.latitude(true));
        assertNull(PhotoRules.latitude("NaN"));
        assertNull(PhotoRules.latitude("Infinity"));
        assertNull(PhotoRules.latitude("5,3"), "a decimal comma is not a number");
        assertNull(PhotoRules.latitude(""));
        assertNull(PhotoRules.latitude(Map.of("v", 5)));
        assertNull(PhotoRules.latitude(List.of(5.0)));
        assertEquals(5.5, PhotoRules.latitude(" 5.5 "));
        assertEquals(5.5, PhotoRules.latitude(new BigDecimal("5.5")), "JSON number and numeric string read alike");
        assertEquals(-90.0, PhotoRules.latitude(-90));
        assertNull(PhotoRules.latitude(90.0001), "latitude beyond the pole");
        assertEquals(180.0, PhotoRules.longitude("180"));
        assertNull(PhotoRules.longitude(-180.5));
    }

    @Test
    void outOfRangeGpsCannotWrapIntoTheFence() {
        Map<String, Object> md = clean(NOW);
        md.put("gps_lat", 365.0001);
        assertEquals("MISSING_GPS", eval(md, FENCE).code(), "365 would be 5 after wrapping: refused as malformed");
        md.put("gps_lat", 5.0001);
        md.put("gps_lng", 356.0);
        assertEquals("MISSING_GPS", eval(md, FENCE).code());
    }

    @Test
    void stringAndNumberGpsGiveTheSameVerdict() {
        Map<String, Object> asNumbers = clean(NOW);
        Map<String, Object> asStrings = clean(NOW);
        asStrings.put("gps_lat", "5.0001");
        asStrings.put("gps_lng", "-4.0001");
        assertEquals(eval(asNumbers, FENCE), eval(asStrings, FENCE));
        Geofence tight = new Geofence(5.0, -4.0, 10);
        assertEquals("GEOFENCE_VIOLATION", eval(asNumbers, tight).code());
        assertEquals("GEOFENCE_VIOLATION", eval(asStrings, tight).code());
    }

    @Test
    void exactlyOnTheRadiusIsApproved() {
        double d = Geofence.distanceMeters(5.0, -4.0, 5.0001, -4.0001);
        assertEquals(Outcome.APPROVE, eval(clean(NOW), new Geofence(5.0, -4.0, d)).outcome());
        assertEquals("GEOFENCE_VIOLATION", eval(clean(NOW), new Geofence(5.0, -4.0, Math.nextDown(d))).code());
        assertEquals(Outcome.APPROVE, PhotoRules.evaluate(clean(NOW), new Geofence(5.0, -4.0, Math.nextDown(d)), NOW, 0.001).outcome(),
                "the tolerance widens the fence");
    }

    @Test
    void timestampForms() {
        assertEquals(NOW, PhotoRules.timestamp("2030-01-01T12:00:00Z"));
        assertEquals(NOW, PhotoRules.timestamp("2030-01-01T13:00:00+01:00"));
        assertEquals(NOW, PhotoRules.timestamp("2030-01-01T12:00:00"), "naive is UTC");
        assertEquals(NOW, PhotoRules.timestamp("2030-01-01 12:00:00"), "space separator");
        assertEquals(NOW.plusMillis(500), PhotoRules.timestamp("2030-01-01T12:00:00.5Z"));
        assertNull(PhotoRules.timestamp("2030:01:01 12:00:00"), "raw EXIF form is not ISO-8601");
        assertNull(PhotoRules.timestamp(1_893_499_200L), "a number is not a timestamp");
        assertNull(PhotoRules.timestamp("2030-01-01"));
        assertNull(PhotoRules.timestamp("  "));
    }

    @Test
    void futureSkewBoundaryWithMillis() {
        assertEquals(Outcome.APPROVE, eval(clean(NOW.plus(Duration.ofMinutes(2))), null).outcome());
        assertEquals("FUTURE_TIMESTAMP", eval(clean(NOW.plus(Duration.ofMinutes(2)).plusMillis(1)), null).code());
        assertEquals("STALE_TIMESTAMP", eval(clean(NOW.minus(Duration.ofMinutes(120)).minusMillis(1)), null).code());
    }
}
