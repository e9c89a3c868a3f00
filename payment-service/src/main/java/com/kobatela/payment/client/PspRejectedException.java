package com.kobatela.payment.client;

/**
 * The PSP refused a payout for good (HTTP 4xx other than 408/425/429): resending the same request cannot succeed.
 * The payment goes to ERROR ({@code PSP_REJECTED}). The message carries the PSP's error code only, never its payload.
 */
public class PspRejectedException extends RuntimeException {

    private final int status;
    private final String code;

    /**
     * @param status HTTP status
     * @param code   the PSP's error code, or {@code HTTP_<status>}
     */
    public PspRejectedException(int status, String code) {
        super("PSP refused the payout: " + status + " " + code, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
