package org.iofog.connector.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Controller's side of the REST API, spoken over a socket the test holds (plain or TLS), so that a
 * test can keep one keep-alive connection across a certificate reload or a dev-mode switch.
 */
final class Http {

    /** An answer: status code and JSON body. */
    record Answer(int status, String body) {

        String text(String field) {
            Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no text field " + field + " in " + body);
            }
            return m.group(1);
        }

        long number(String field) {
            Matcher m = Pattern.compile("\"" + field + "\":(-?\\d+)").matcher(body);
            if (!m.find()) {
                throw new AssertionError("no number field " + field + " in " + body);
            }
            return Long.parseLong(m.group(1));
        }
    }

    private Http() {
    }

    static String form(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One request on a new plain connection to 127.0.0.1. */
    static Answer post(int port, String endpoint, String form) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            return post(socket, endpoint, form);
        }
    }

    /** A GET on a new plain connection to 127.0.0.1 (the metrics path); the body as text. */
    static Answer get(int port, String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            String head = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** One request on a connection that stays open (keep-alive). */
    static Answer post(Socket socket, String endpoint, String form) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v2/" + endpoint + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return read(socket.getInputStream());
    }

    private static Answer read(InputStream in) throws IOException {
        String headers = readHeaders(in);
        int status = Integer.parseInt(headers.substring(9, 12));
        Matcher length = Pattern.compile("content-length: *(\\d+)").matcher(headers.toLowerCase(Locale.ROOT));
        if (!length.find()) {
            throw new AssertionError("no Content-Length in " + headers);
        }
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (headers.length() < 4 || !headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + headers.length() + " bytes: " + headers);
            }
            headers.append((char) b);
        }
        return headers.toString();
    }
}
