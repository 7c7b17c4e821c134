package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the grading JVM reports to the grader over its standard output, which graded code can
 * also write to (a thread printing after its cell ends reaches the raw stream). Each message is
 * cut into frames of under 4 KB, each written with one write: on a pipe such a write is never
 * split by another writer's bytes. A frame starts with a secret token the grader handed over on
 * standard input before any graded code ran, so printed text cannot pose as a result; anything
 * else on the stream is ignored.
 */
final class ResultChannel {
    private static final int CHUNK = 2400;   // base64 of 2400 bytes is 3200 chars: header + frame < PIPE_BUF
    private static final int MAX_LINE = 8192;

    private ResultChannel() {}

    /** The grading JVM's side. */
    static final class Sender {
        private final String token;
        private final OutputStream out;
        private long seq;

        Sender(String token, OutputStream out) {
            this.token = token;
            this.out = out;
        }

        synchronized void send(JsonNode message) {
            byte[] payload;
            try {
                payload = NotebookFile.JSON.writeValueAsBytes(message);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            int n = Math.max(1, (payload.length + CHUNK - 1) / CHUNK);
            long id = seq++;
            for (int i = 0; i < n; i++) {
                int from = i * CHUNK, to = Math.min(payload.length, from + CHUNK);
                String frame = "\n" + token + " " + id + " " + i + " " + n + " "
                        + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(payload, from, to)) + "\n";
                try {
                    out.write(frame.getBytes(StandardCharsets.US_ASCII));   // one write per frame
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException("the grader stopped listening", e);
                }
            }
        }
    }

    /**
     * The grader's side: reads the stream to its end, keeping at most the last 8 KB of any line
     * (a frame ends its line), and hands each whole message to the consumer.
     */
    static void receive(InputStream in, String token, Consumer<JsonNode> messages) throws IOException {
        Map<Long, String[]> partial = new HashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int r;
        while ((r = in.read(buf)) > 0) {
            for (int i = 0; i < r; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    frame(line.toString(StandardCharsets.US_ASCII), token, partial, messages);
                    line.reset();
                } else {
                    if (line.size() >= MAX_LINE) {
                        byte[] keep = java.util.Arrays.copyOfRange(line.toByteArray(), line.size() - MAX_LINE / 2, line.size());
                        line.reset();
                        line.write(keep, 0, keep.length);
                    }
                    line.write(b);
                }
            }
        }
        frame(line.toString(StandardCharsets.US_ASCII), token, partial, messages);
    }

    private static void frame(String line, String token, Map<Long, String[]> partial, Consumer<JsonNode> messages) {
        int at = line.lastIndexOf(token + " ");
        if (at < 0) return;
        String[] f = line.substring(at + token.length() + 1).strip().split(" ");
        if (f.length != 4) return;
        try {
            long id = Long.parseLong(f[0]);
            int i = Integer.parseInt(f[1]), n = Integer.parseInt(f[2]);
            if (n < 1 || n > 10_000 || i < 0 || i >= n) return;
            String[] parts = partial.computeIfAbsent(id, k -> new String[n]);
            if (parts.length != n) return;
            parts[i] = f[3];
            for (String p : parts) if (p == null) return;
            partial.remove(id);
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            for (String p : parts) whole.writeBytes(Base64.getDecoder().decode(p));
            messages.accept(NotebookFile.JSON.readTree(whole.toByteArray()));
        } catch (RuntimeException | IOException e) {
            // not one of ours after all (or damaged by the graded code): ignored
        }
    }

}
