package com.kobatela.proof.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** spec rules.md#geofence: haversine on R = 6 371 000 m, a point on the circle is inside. */
class GeofenceTest {

    @Test
    void specExamples() {
        Geofence fence = new Geofence(5.0, -4.0, 100);
        assertFalse(fence.contains(5.0 + 110 / 111_195d, -4.0, 0), "110 m north of a 100 m fence");
        assertTrue(new Geofence(5.0, -4.0, 500).contains(5.0001, -4.0001, 0), "about 16 m inside a 500 m fence");
        assertEquals(15.6, new Geofence(5.0, -4.0, 500).distanceTo(5.0001, -4.0001), 0.5);
    }

    @Test
    void exactlyOnTheRadiusIsInside() {
        Geofence probe = new Geofence(5.0, -4.0, 0);
        double d = probe.distanceTo(5.001, -4.0);
        assertTrue(new Geofence(5.0, -4.0, d).contains(5.001, -4.0, 0));
        assertFalse(new Geofence(5.0, -4.0, Math.nextDown(d)).contains(5.001, -4.0, 0));
    }

    @Test
    void toleranceWidensTheFence() {
        Geofence fence = new Geofence(0, 0, 100);
        double lat = 150 / 111_195d;
        assertFalse(fence.contains(lat, 0, 0));
        assertTrue(fence.contains(lat, 0, 60));
    }

    @Test
    void antipodesAndSamePoint() {
        assertEquals(0, Geofence.distanceMeters(1, 2, 1, 2), 1e-9);
        assertEquals(Math.PI * Geofence.EARTH_RADIUS_M, Geofence.distanceMeters(0, 0, 0, 180), 1);
    }
}
