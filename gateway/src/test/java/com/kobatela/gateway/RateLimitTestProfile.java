package com.kobatela.gateway;

import java.util.HashMap;
import java.util.Map;

/** The gateway test profile with tiny buckets: 3 calls per API key and 2 webhooks per IP, one more every
 * 4 s (slow enough that a busy test machine cannot refill a bucket in the middle of a burst). */
public class RateLimitTestProfile extends GatewayTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>(super.getConfigOverrides());
        m.put("kobatela.rate-limit.api-key.capacity", "3");
        m.put("kobatela.rate-limit.api-key.refill-per-second", "0.25");
        m.put("kobatela.rate-limit.webhook.capacity", "2");
        m.put("kobatela.rate-limit.webhook.refill-per-second", "0.25");
        return m;
    }
}
