package io.portcullis.policy.internal.scan.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.http.HttpClient;

/** Speaks HTTP with the JDK's clients: {@code http-client}, needs {@code net.raw}. */
public class FetchesUrls {

    InputStream fetch(URL url) throws IOException {
        return url.openStream();
    }

    int status(HttpURLConnection connection) throws IOException {
        return connection.getResponseCode();
    }

    HttpClient client() {
        return HttpClient.newHttpClient();
    }
}
