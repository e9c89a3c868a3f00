package com.kobatela.proof.support;

import java.util.Map;

import com.kobatela.testsupport.ServiceTestProfile;

/** OCR enabled with provider {@code none} and the AI advisor enabled without an API key (acceptance AC-072). */
public class MisconfiguredAdvisorsProfile extends ServiceTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kobatela.proof.ocr.enabled", "true",
                "kobatela.proof.ocr.provider", "none",
                "kobatela.proof.ai.enabled", "true",
                "kobatela.proof.ai.provider", "openai",
                "kobatela.proof.ai.api-key", "");
    }
}
