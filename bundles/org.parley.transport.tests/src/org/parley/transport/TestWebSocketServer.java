package org.parley.transport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

/**
 * A tiny RFC 6455 server on JDK sockets, for transport tests only: echoes every text message, answers
 * {@code "fragments:N"} with an N-character message split into two frames, answers {@code "binary"}
 * with a binary message, answers pings (unless told not to), and completes close handshakes. One thread
 * per connection.
 */
final class TestWebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    /** Pings received from clients. */
    final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    /** False plays a relay that vanished: pings go unanswered (the TCP connection stays open). */
    volatile boolean answerPings = true;

    /** A TLS server presenting {@code certificate}, or plaintext if it is null. */
    TestWebSocketServer(TestCertificates certificate) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (certificate == null) {
            server = new ServerSocket(0, 50, loopback);
        } else {
            SSLContext context = certificate.serverContext();
            server = context.getServerSocketFactory().createServerSocket(0, 50, loopback);
        }
        Thread acceptor = new Thread(this::acceptLoop, "test-ws-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread t = new Thread(() -> serve(socket), "test-ws-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            handshake(in, out);
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0f;
                if (opcode == 8) {
                    writeFrame(out, 0x88, payload);
                    return;
                }
                if (opcode == 9) {
                    pings.incrementAndGet();
                    if (answerPings) {
                        writeFrame(out, 0x8A, payload);
                    }
                    continue;
                }
                message.writeBytes(payload);
                if ((b0 & 0x80) != 0) {
                    respond(out, message.toString(StandardCharsets.UTF_8));
                    message.reset();
                }
            }
        } catch (IOException e) {
            // connection ended
        }
    }

    private void respond(OutputStream out, String text) throws IOException {
        received.add(text);
        if (text.startsWith("fragments:")) {
            String body = "x".repeat(Integer.parseInt(text.substring("fragments:".length())));
            int half = body.length() / 2;
            writeFrame(out, 0x01, body.substring(0, half).getBytes(StandardCharsets.UTF_8)); // text, not final
            writeFrame(out, 0x80, body.substring(half).getBytes(StandardCharsets.UTF_8)); // final continuation
        } else if (text.equals("binary")) {
            writeFrame(out, 0x82, new byte[] { 1, 2, 3 });
        } else {
            writeFrame(out, 0x81, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static synchronized void writeFrame(OutputStream out, int first, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(first);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        }
        frame.writeBytes(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    private static void handshake(InputStream in, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("eof in handshake");
            }
            head.append((char) c);
        }
        String key = head.toString().lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow(() -> new IOException("no key"));
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
