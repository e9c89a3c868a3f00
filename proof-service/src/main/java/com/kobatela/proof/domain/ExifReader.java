package com.kobatela.proof.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

/**
 * Reads DateTimeOriginal (+ OffsetTimeOriginal) and the GPS position of an image with metadata-extractor
 * (com.drewnoakes), the well-kept EXIF library the issue asks for. Pure function of the bytes.
 */
public final class ExifReader {

    private static final DateTimeFormatter EXIF_DATE_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private ExifReader() {
    }

    /** The image is not one metadata-extractor can read (unknown format, truncated file). */
    public static final class UnreadableImageException extends Exception {
        UnreadableImageException(Throwable cause) {
            super("image metadata unreadable", cause);
        }
    }

    /**
     * Reads the facts of an image (JPEG, PNG, HEIF, TIFF, WebP... any format metadata-extractor knows).
     *
     * @return the facts; fields the image lacks (or holds malformed) are null
     * @throws UnreadableImageException when the bytes are not a readable image
     */
    public static ExifFacts read(byte[] image) throws UnreadableImageException {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            throw new UnreadableImageException(e);
        }
        LocalDateTime takenAt = null;
        ZoneOffset offset = null;
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif != null) {
            takenAt = dateTime(exif.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL));
            offset = offset(exif.getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL));
        }
        Double lat = null;
        Double lng = null;
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        GeoLocation location = gps == null ? null : gps.getGeoLocation();
        if (location != null && !location.isZero() && Double.isFinite(location.getLatitude()) && Double.isFinite(location.getLongitude())
                && Math.abs(location.getLatitude()) <= 90 && Math.abs(location.getLongitude()) <= 180) {
            lat = location.getLatitude();
            lng = location.getLongitude();
        }
        return new ExifFacts(takenAt, takenAt == null ? null : offset, lat, lng);
    }

    static LocalDateTime dateTime(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(raw.strip(), EXIF_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static ZoneOffset offset(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return ZoneOffset.of(raw.strip());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
