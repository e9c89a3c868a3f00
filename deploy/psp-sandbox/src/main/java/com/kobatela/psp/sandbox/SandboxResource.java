package com.kobatela.psp.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Control API of the simulator, used by tests and by hand: switch the payout behaviour and reset state.
 * Not part of any real PSP's API.
 */
@Path("/sandbox")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SandboxResource {

    private static final Logger LOG = Logger.getLogger(SandboxResource.class);

    /**
     * Mode body, in and out.
     *
     * @param mode    {@code ok}, {@code fail}, {@code hang} or {@code slow}
     * @param delayMs delay of the {@code slow} mode in milliseconds (ignored by the other modes)
     */
    public record ModeBody(@JsonProperty("mode") String mode, @JsonProperty("delay_ms") Long delayMs) {
    }

    @Inject
    SandboxBehaviour behaviour;

    @Inject
    PayoutStore store;

    /** Switches the payout behaviour; 400 {@code VALIDATION_ERROR} on an unknown mode or negative delay. */
    @POST
    @Path("/mode")
    public Response setMode(ModeBody body) {
        if (body == null || body.mode() == null) {
            return ApiError.response(400, "VALIDATION_ERROR", "mode is required", "mode");
        }
        SandboxBehaviour.Mode mode;
        try {
            mode = SandboxBehaviour.Mode.valueOf(body.mode().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ApiError.response(400, "VALIDATION_ERROR", "mode must be ok, fail, hang or slow", "mode");
        }
        long delayMs = body.delayMs() == null ? 0 : body.delayMs();
        if (delayMs < 0) {
            return ApiError.response(400, "VALIDATION_ERROR", "delay_ms must not be negative", "delay_ms");
        }
        behaviour.set(new SandboxBehaviour.Setting(mode, Duration.ofMillis(delayMs)));
        LOG.infof("mode set to %s (delay %d ms)", mode, delayMs);
        return Response.ok(view()).build();
    }

    /** Returns the current mode. */
    @GET
    @Path("/mode")
    public ModeBody getMode() {
        return view();
    }

    /** Back to mode {@code ok} and forgets every payout. */
    @POST
    @Path("/reset")
    public ModeBody reset() {
        behaviour.reset();
        store.clear();
        return view();
    }

    private ModeBody view() {
        SandboxBehaviour.Setting s = behaviour.current();
        return new ModeBody(s.mode().name().toLowerCase(Locale.ROOT), s.delay().toMillis());
    }
}
