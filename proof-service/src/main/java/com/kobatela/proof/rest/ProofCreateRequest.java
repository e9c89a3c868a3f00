package com.kobatela.proof.rest;

import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Body of {@code POST /proofs} (spec {@code api.md#6.1}). {@code metadata} absent/null and {@code {}} differ:
 * null is a soft MISSING_METADATA for photos, {@code {}} a hard MISSING_EXIF_TIMESTAMP.
 *
 * @param escrowId     escrow id
 * @param milestoneIdx milestone sequence index (≥ 0; 0 finds no milestone)
 * @param type         proof type as submitted, 1..50 chars ({@code PHOTO}, {@code PDF}, {@code INVOICE}, ...)
 * @param storageUrl   where the file is stored, 1..1024 chars
 * @param sha256       file hash, 1..128 chars, unique platform-wide
 * @param metadata     free metadata object or null
 */
@RegisterForReflection
public record ProofCreateRequest(
        @NotNull Long escrowId,
        @NotNull @Min(0) Integer milestoneIdx,
        @NotBlank @Size(max = 50) String type,
        @NotBlank @Size(max = 1024) String storageUrl,
        @NotBlank @Size(max = 128) String sha256,
        Map<String, Object> metadata) {
}
