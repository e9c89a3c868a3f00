package com.kobatela.proof.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;

/**
 * The chat-completions endpoint of an OpenAI-compatible API ({@code POST <base>/chat/completions}), Quarkus REST
 * client. Bodies are Jackson trees, so no DTO needs reflection. Built programmatically by {@link OpenAiChat}.
 */
@RegisterRestClient(configKey = "openai-chat")
@Path("/chat/completions")
public interface OpenAiChatApi {

    /** Sends a chat-completions request; the answer's {@code choices[0].message.content} holds the model's text. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<JsonNode> complete(ObjectNode request);
}
