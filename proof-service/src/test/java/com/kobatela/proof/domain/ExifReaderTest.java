package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.kobatela.proof.support.JpegFixtures;

/** EXIF reading with metadata-extractor on real JPEG files written by Commons Imaging. */
class ExifReaderTest {

    private static final LocalDateTime TAKEN = LocalDateTime.of(2030, 1, 1, 12, 34, 56);

    @Test
    void readsDateTimeOriginalAndGps() throws Exception {
        ExifFacts f = ExifReader.read(JpegFixtures.photo(TAKEN, null, 5.3211, -4.0122));
        assertEquals(TAKEN, f.takenAt());
        assertNull(f.offset());
        assertEquals(5.3211, f.gpsLat(), 1e-6);
        assertEquals(-4.0122, f.gpsLng(), 1e-6, "west longitude keeps its sign (GPSLongitudeRef W)");
        assertEquals("2030-01-01T12:34:56", f.isoTimestamp());
    }

    @Test
    void readsOffsetTimeOriginal() throws Exception {
        ExifFacts f = ExifReader.read(JpegFixtures.photo(TAKEN, "+01:00", null, null));
        assertEquals(ZoneOffset.ofHours(1), f.offset());
        assertEquals("2030-01-01T12:34:56+01:00", f.isoTimestamp());
        assertNull(f.gpsLat());
    }

    @Test
    void southernAndWesternHemispheres() throws Exception {
        ExifFacts f = ExifReader.read(JpegFixtures.photo(null, null, -33.8688, 151.2093));
        assertNull(f.takenAt());
        assertEquals(-33.8688, f.gpsLat(), 1e-6);
        assertEquals(151.2093, f.gpsLng(), 1e-6);
    }

    @Test
    void photoWithoutExifHasNoFacts() throws Exception {
        ExifFacts f = ExifReader.read(JpegFixtures.plain());
        assertTrue(f.isEmpty());
    }

    @Test
    void notAnImage() {
        assertThrows(ExifReader.UnreadableImageException.class, () -> ExifReader.read("%PDF-1.4 not an image".getBytes()));
        assertThrows(ExifReader.UnreadableImageException.class, () -> ExifReader.read(new byte[0]));
    }

    @Test
    void malformedDateTimeIsIgnored() {
        assertNull(ExifReader.dateTime("2030:13:45 99:00:00"));
        assertNull(ExifReader.dateTime("   "));
        assertNull(ExifReader.offset("+25:00"));
        assertEquals(ZoneOffset.ofHours(-5), ExifReader.offset("-05:00"));
    }
}
