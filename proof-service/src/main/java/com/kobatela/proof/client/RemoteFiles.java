package com.kobatela.proof.client;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.kobatela.proof.config.ProofConfig;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientRequest;

/**
 * Downloads a proof file from its {@code storage_url} (the platform never receives the bytes, spec
 * {@code domain.md#4.1}) for the EXIF reader, the OCR hook and the AI advisor's image. Guards: only listed hosts
 * ({@code kobatela.proof.fetch.allowed-hosts}, none by default), {@code https} only unless allowed, no redirects,
 * one timeout for the whole download, a size cap enforced while streaming. The Vert.x HTTP client runs on the
 * application's event loops and is created on first use only (nothing exists while every feature is off).
 */
@ApplicationScoped
public class RemoteFiles {

    @Inject
    Vertx vertx;

    @Inject
    ProofConfig config;

    private final Lazy<HttpClient> client = new Lazy<>(() -> {
        int connectMs = (int) Math.min(Integer.MAX_VALUE, config.fetch().timeout().toMillis());
        return vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(connectMs).setMaxPoolSize(8).setTryUseCompression(false));
    });

    /**
     * A downloaded file.
     *
     * @param bytes       the content
     * @param contentType the {@code Content-Type} header without parameters, lower-case, or null
     */
    public record Fetched(byte[] bytes, String contentType) {
    }

    /** Why a download did not happen; {@link #reason()} is a short lower_snake_case code safe to store and log. */
    public static final class FetchException extends RuntimeException {
        private final String reason;

        public FetchException(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        /** {@code invalid_url}, {@code host_not_allowed}, {@code http_<status>}, {@code too_large}, {@code timeout}, ... */
        public String reason() {
            return reason;
        }
    }

    /**
     * Downloads {@code url}.
     *
     * @return the file; fails with {@link FetchException} (never another type)
     */
    public Uni<Fetched> fetch(String url) {
        URI uri;
        try {
            uri = check(url);
        } catch (FetchException e) {
            return Uni.createFrom().failure(e);
        }
        ProofConfig.Fetch f = config.fetch();
        long timeoutMs = f.timeout().toMillis();
        // idle timeout: Vert.x also drops a stalled connection itself once the Uni below has given up on it
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString())
                .setFollowRedirects(false).setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs);
        return client.get().request(options)
                .chain(this::send)
                .ifNoItem().after(f.timeout()).failWith(() -> new FetchException("timeout"))
                .onFailure(e -> !(e instanceof FetchException)).transform(e -> new FetchException("unreachable"));
    }

    private Uni<Fetched> send(HttpClientRequest request) {
        int max = config.fetch().maxBytes();
        return request.send().chain(response -> {
            // a reset below is ours (size cap, bad status): the failure is reported through the Uni, not logged
            response.exceptionHandler(ignored -> {
            });
            if (response.statusCode() != 200) {
                request.reset();
                return Uni.createFrom().failure(new FetchException("http_" + response.statusCode()));
            }
            String length = response.getHeader("Content-Length");
            if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > max) {
                request.reset();
                return Uni.createFrom().failure(new FetchException("too_large"));
            }
            String type = response.getHeader("Content-Type");
            return response.toMulti()
                    .collect().in(Buffer::buffer, (acc, chunk) -> {
                        if (acc.length() + chunk.length() > max) {
                            throw new FetchException("too_large");
                        }
                        acc.appendBuffer(chunk);
                    })
                    .onFailure().invoke(() -> request.reset())
                    .map(body -> new Fetched(body.getBytes(), type == null ? null : type.split(";")[0].strip().toLowerCase(Locale.ROOT)));
        });
    }

    /** Checks scheme and host of a URL against the configuration. */
    URI check(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new FetchException("invalid_url");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = "https".equals(scheme) || ("http".equals(scheme) && config.fetch().allowHttp());
        if (!schemeOk || uri.getHost() == null || uri.getUserInfo() != null) {
            throw new FetchException("invalid_url");
        }
        if (!hostAllowed(uri.getHost().toLowerCase(Locale.ROOT), config.fetch().allowedHosts().orElse(List.of()))) {
            throw new FetchException("host_not_allowed");
        }
        return uri;
    }

    static boolean hostAllowed(String host, List<String> allowed) {
        for (String a : allowed) {
            String rule = a.strip().toLowerCase(Locale.ROOT);
            if (rule.isEmpty()) {
                continue;
            }
            if (rule.startsWith(".") ? host.endsWith(rule) : host.equals(rule)) {
                return true;
            }
        }
        return false;
    }

    /** True once the HTTP client exists (it is created by the first download only). */
    public boolean clientCreated() {
        return client.created();
    }

    /** Closes the client if one was created. */
    @PreDestroy
    void close() {
        HttpClient c = client.peek();
        if (c != null) {
            c.closeAndForget();
        }
    }
}
