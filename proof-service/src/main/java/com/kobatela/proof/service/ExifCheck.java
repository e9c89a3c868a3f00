package com.kobatela.proof.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.kobatela.proof.client.RemoteFiles;
import com.kobatela.proof.config.ProofConfig;
import com.kobatela.proof.domain.ExifCrossCheck;
import com.kobatela.proof.domain.ExifFacts;
import com.kobatela.proof.domain.ExifReader;

import io.smallrye.mutiny.Uni;

/**
 * Optional EXIF check of PHOTO proofs ({@code kobatela.proof.exif.fetch-enabled}, off by default): the photo is
 * fetched from its {@code storage_url}, its DateTimeOriginal and GPS are read with metadata-extractor, missing
 * partner fields are filled and disagreeing ones send the proof to review ({@link ExifCrossCheck}). A fetch or read
 * failure is recorded in {@code metadata.exif_check} and never refuses a proof.
 */
@ApplicationScoped
public class ExifCheck {

    private static final Logger LOG = Logger.getLogger(ExifCheck.class);

    @Inject
    ProofConfig config;

    @Inject
    RemoteFiles files;

    /**
     * A fetched photo, or why it could not be.
     *
     * @param file    the photo, or null
     * @param failure reason code when {@code file} is null
     */
    public record Photo(RemoteFiles.Fetched file, String failure) {
    }

    /** {@code kobatela.proof.exif.fetch-enabled}. */
    public boolean enabled() {
        return config.exif().fetchEnabled();
    }

    /** Fetches the photo (never fails: a failure is carried in the result). */
    public Uni<Photo> fetch(String storageUrl) {
        return files.fetch(storageUrl)
                .map(f -> new Photo(f, null))
                .onFailure().recoverWithItem(e -> new Photo(null,
                        "fetch_" + (e instanceof RemoteFiles.FetchException f ? f.reason() : "failed")));
    }

    /**
     * Reads the photo's EXIF block into the working metadata.
     *
     * @param fill false when the partner sent no metadata
     * @return true when the photo disagrees with the partner's fields ({@code EXIF_MISMATCH} review)
     */
    public boolean apply(Map<String, Object> working, Photo photo, boolean fill) {
        if (photo.file() == null) {
            ExifCrossCheck.skipped(working, photo.failure());
            LOG.infof("EXIF check skipped: %s", photo.failure());
            return false;
        }
        ExifFacts facts;
        try {
            facts = ExifReader.read(photo.file().bytes());
        } catch (ExifReader.UnreadableImageException e) {
            ExifCrossCheck.skipped(working, "unreadable_image");
            return false;
        }
        ProofConfig.Exif exif = config.exif();
        return ExifCrossCheck.apply(working, facts, fill, exif.gpsMismatchM(), exif.timestampMismatch());
    }
}
