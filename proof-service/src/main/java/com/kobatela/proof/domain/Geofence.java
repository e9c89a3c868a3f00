package com.kobatela.proof.domain;

/**
 * A milestone's geofence: centre in decimal degrees (WGS84) and radius in metres (spec {@code rules.md#geofence}).
 * Distances are haversine distances on a sphere of radius 6 371 000 m; a point exactly on the circle is inside.
 *
 * @param lat     centre latitude, degrees
 * @param lng     centre longitude, degrees
 * @param radiusM radius, metres (≥ 0)
 */
public record Geofence(double lat, double lng, double radiusM) {

    /** Earth radius used by the spec, metres. */
    public static final double EARTH_RADIUS_M = 6_371_000d;

    /**
     * Haversine distance in metres between two points given in decimal degrees.
     */
    public static double distanceMeters(double lat1, double lng1, double lat2, double lng2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = Math.toRadians(lat2 - lat1);
        double dLambda = Math.toRadians(lng2 - lng1);
        double a = Math.pow(Math.sin(dPhi / 2), 2) + Math.cos(phi1) * Math.cos(phi2) * Math.pow(Math.sin(dLambda / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1d, a)));
    }

    /** Distance in metres from the centre to a point. */
    public double distanceTo(double pointLat, double pointLng) {
        return distanceMeters(lat, lng, pointLat, pointLng);
    }

    /**
     * True when the point is inside the fence: {@code distance <= radius + toleranceM}.
     *
     * @param toleranceM extra metres allowed ({@code PROOF_GEOFENCE_TOLERANCE_M}, default 0)
     */
    public boolean contains(double pointLat, double pointLng, double toleranceM) {
        return distanceTo(pointLat, pointLng) <= radiusM + toleranceM;
    }
}
