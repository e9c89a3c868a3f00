package com.kobatela.escrow.rest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kobatela.kernel.error.ApiException;

/** Canonical JSON text of client objects (keys sorted, recursively), so that equal objects give equal text and fingerprints. */
final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * @param field the field named in the error
     * @throws ApiException {@code 422 VALIDATION_ERROR} when the node cannot be written (never for parsed JSON)
     */
    static String of(ObjectMapper mapper, JsonNode node, String field) {
        try {
            return mapper.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw ApiException.validation(field, field + " must be a JSON object.");
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(sorted(child)));
            return out;
        }
        return node;
    }
}
