package com.kobatela.payment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;


import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The service starts on a real PostgreSQL and Kafka, runs its migrations and reports ready. */
@QuarkusTest
@TestProfile(PaymentTestProfile.class)
class HealthTest {

    @Test
    void readyAndLive() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void unknownRouteAnswersInTheCommonErrorBody() {
        given().when().get("/no-such-route").then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
    }
}
