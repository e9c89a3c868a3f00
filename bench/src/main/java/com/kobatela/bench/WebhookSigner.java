package com.kobatela.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a PSP webhook as the PSP does: hex HMAC-SHA256 of {@code timestamp + "." + body} (spec {@code rules.md#psp-webhook}). */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /** The {@code X-PSP-Signature} value. */
    public static String sign(String secret, String timestamp, String body) {
        if (secret == null) {
            throw new IllegalStateException("the PSP webhook secret of the target is unknown");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
