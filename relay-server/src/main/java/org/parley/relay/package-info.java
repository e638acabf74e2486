/**
 * The Parley relay: a Netty TLS WebSocket server that routes end-to-end-encrypted messages between
 * logged-in users and can never read them (wire protocol v2: {@code docs/PROTOCOL.md} §1–§4.2).
 *
 * <p>Run it with {@code java -jar relay-server/target/parley-relay.jar --help}; embed or test it
 * in-process through {@link org.parley.relay.RelayServer}. Layout:
 * <ul>
 *   <li>{@code org.parley.relay}: lifecycle ({@code RelayServer}), command line ({@code RelayMain}),
 *       configuration ({@code RelayConfig}) and pipeline composition.</li>
 *   <li>{@code .handler}: one small Netty handler per concern.</li>
 *   <li>{@code .protocol}: wire frames as records and their JSON reader/writer (Jackson streaming).</li>
 *   <li>{@code .session}: who is online, presence announcements, fan-out.</li>
 *   <li>{@code .auth}: login decisions, the signed byte strings and Ed25519 verification.</li>
 *   <li>{@code .registry}: names bound to identity keys, kept in an MVStore file.</li>
 *   <li>{@code .store}: the offline queue of store and forward (MVStore file, group commit).</li>
 *   <li>{@code .metrics}: Prometheus text metrics and the admin HTTP port.</li>
 *   <li>{@code .limit}: token bucket and per-address connection counts behind the relay's caps.</li>
 *   <li>{@code .tls}: certificates (self-signed or PEM) and the TLS policy.</li>
 * </ul>
 */
package org.parley.relay;
