package com.kobatela.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.kobatela.local.Service;

/** Reads a service's Prometheus metrics ({@code /q/metrics}, text format). */
final class Metrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Metrics() {
    }

    /** The sum of a counter by the value of one of its tags, e.g. {@code kobatela_psp_webhook_rejections_total} by {@code reason}. */
    static Map<String, Double> byTag(Service service, String metric, String tag) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(RelStack.get().serviceUrl(service) + "/q/metrics"))
                .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(service.id() + " /q/metrics answered " + r.statusCode());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile(Pattern.quote(metric) + "\\{([^}]*)\\} ([0-9.eE+]+)").matcher(r.body());
        Pattern tagValue = Pattern.compile(Pattern.quote(tag) + "=\"([^\"]+)\"");
        while (m.find()) {
            Matcher t = tagValue.matcher(m.group(1));
            if (t.find()) {
                out.merge(t.group(1), Double.parseDouble(m.group(2)), Double::sum);
            }
        }
        return out;
    }
}
