package com.kobatela.proof.domain;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What a photo's own EXIF block says (read by {@link ExifReader}): DateTimeOriginal with its OffsetTimeOriginal
 * when the camera wrote one, and the GPS position in decimal degrees (WGS84).
 *
 * @param takenAt local date-time of DateTimeOriginal, or null
 * @param offset  OffsetTimeOriginal, or null (then {@code takenAt} is the camera's wall clock, zone unknown)
 * @param gpsLat  latitude, or null
 * @param gpsLng  longitude, or null
 */
public record ExifFacts(LocalDateTime takenAt, ZoneOffset offset, Double gpsLat, Double gpsLng) {

    /** True when the photo carries neither a capture time nor a position. */
    public boolean isEmpty() {
        return takenAt == null && gpsLat == null;
    }

    /** The capture time as ISO-8601 (with its offset when known, naive otherwise), or null. */
    public String isoTimestamp() {
        if (takenAt == null) {
            return null;
        }
        return offset != null ? takenAt.atOffset(offset).toString() : takenAt.toString();
    }
}
