package com.kobatela.proof.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.ImagingException;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/**
 * Small real JPEG files (16x16 pixels, written by ImageIO) with an EXIF block written by Apache Commons Imaging:
 * DateTimeOriginal, optional OffsetTimeOriginal and GPS position. Test fixtures of the EXIF reader.
 */
public final class JpegFixtures {

    private static final DateTimeFormatter EXIF = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    private static final TagInfoAscii OFFSET_TIME_ORIGINAL = new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7,
            TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);

    private JpegFixtures() {
    }

    /** A JPEG without any EXIF block. */
    public static byte[] plain() {
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        img.setRGB(3, 3, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * A JPEG with EXIF.
     *
     * @param takenAt DateTimeOriginal (camera wall clock) or null
     * @param offset  OffsetTimeOriginal such as {@code +01:00}, or null
     * @param lat     GPS latitude or null (then no GPS)
     * @param lng     GPS longitude
     */
    public static byte[] photo(LocalDateTime takenAt, String offset, Double lat, Double lng) {
        try {
            TiffOutputSet set = new TiffOutputSet();
            TiffOutputDirectory exif = set.getOrCreateExifDirectory();
            if (takenAt != null) {
                exif.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, EXIF.format(takenAt));
            }
            if (offset != null) {
                exif.add(OFFSET_TIME_ORIGINAL, offset);
            }
            if (lat != null) {
                set.setGpsInDegrees(lng, lat);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(plain(), out, set);
            return out.toByteArray();
        } catch (ImagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
