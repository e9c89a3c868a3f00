package com.kobatela.proof.client;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * One OpenAI-compatible chat endpoint (base URL, API key, model, timeout) used by the AI advisor and the OCR hook.
 * The REST client is built on first use, so nothing exists while the feature is off. The API key goes only into the
 * {@code Authorization} header; it is never logged nor put in an exception message. The model is asked for a JSON
 * object, which is returned as a map.
 */
public final class OpenAiChat {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final String baseUrl;
    private final String apiKey;
    private final String model;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final Lazy<OpenAiChatApi> api = new Lazy<>(this::build);

    /**
     * @param baseUrl e.g. {@code https://api.openai.com/v1}
     * @param apiKey  bearer token
     * @param model   model name
     * @param timeout read timeout of one call
     * @param mapper  JSON mapper
     */
    public OpenAiChat(String baseUrl, String apiKey, String model, Duration timeout, ObjectMapper mapper) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.model = model;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    /** A content part carrying a file inline (base64 data URL): an image, or a PDF as a file part. */
    public ObjectNode inlineFile(byte[] bytes, String contentType) {
        String type = contentType == null ? "application/octet-stream" : contentType;
        String dataUrl = "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
        ObjectNode part = mapper.createObjectNode();
        if (type.startsWith("image/")) {
            part.put("type", "image_url");
            part.putObject("image_url").put("url", dataUrl);
        } else {
            part.put("type", "file");
            part.putObject("file").put("filename", "document.pdf").put("file_data", dataUrl);
        }
        return part;
    }

    /**
     * Asks the model: a system instruction, then a user message made of the text and optional extra parts.
     *
     * @return the model's JSON object; fails when the call fails or the answer is not a JSON object
     */
    public Uni<Map<String, Object>> askJson(String system, String userText, ObjectNode... extraParts) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", model);
        body.putObject("response_format").put("type", "json_object");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", system);
        ObjectNode user = messages.addObject().put("role", "user");
        ArrayNode content = user.putArray("content");
        content.addObject().put("type", "text").put("text", userText);
        for (ObjectNode part : extraParts) {
            content.add(part);
        }
        return api.get().complete(body).map(answer -> {
            String text = answer.path("choices").path(0).path("message").path("content").asText(null);
            if (text == null || text.isBlank()) {
                throw new IllegalStateException("empty model answer");
            }
            return parseObject(mapper, strip(text), "model answer");
        });
    }

    /**
     * Reads a JSON object.
     *
     * @param what names the source in the error message
     * @throws IllegalStateException when {@code json} is not a JSON object
     */
    static Map<String, Object> parseObject(ObjectMapper mapper, String json, String what) {
        try {
            Map<String, Object> m = mapper.readValue(json, MAP);
            if (m == null) {
                throw new IllegalStateException(what + " is not a JSON object");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not a JSON object");
        }
    }

    /** Drops a Markdown code fence some models wrap JSON in. */
    static String strip(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            t = t.replaceFirst("^```[a-zA-Z]*\\s*", "");
            t = t.replaceFirst("\\s*```$", "");
        }
        return t;
    }

    private OpenAiChatApi build() {
        String bearer = "Bearer " + apiKey;
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(Math.min(timeout.toMillis(), 5_000), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, bearer))
                .build(OpenAiChatApi.class);
    }
}
