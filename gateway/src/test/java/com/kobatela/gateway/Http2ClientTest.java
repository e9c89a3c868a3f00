package com.kobatela.gateway;

import static com.kobatela.gateway.TestSupport.adminKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Partners whose HTTP client upgrades to HTTP/2 (h2c, the default of {@link HttpClient}) reach the gateway's own
 * endpoints with a body: the router must not consume the body of a request that Quarkus REST reads itself.
 */
@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class Http2ClientTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    void userCreationAndHealthOverHttp2() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String name = "h2" + UUID.randomUUID().toString().substring(0, 8);
        String json = "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\"}";
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(root + "users"))
                    .header("X-API-Key", adminKey()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(i == 0 ? json : json.replace(name, name + i))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            assertTrue(created.body().contains("\"username\":\"" + (i == 0 ? name : name + i) + "\""), created.body());
        }
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(root + "health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
    }
}
