/**
 * The client side of the relay connection: a TLS WebSocket on {@code java.net.http}
 * ({@link org.parley.transport.RelayConnection}) with trust-on-first-use certificate pinning
 * ({@link org.parley.transport.CertificatePinStore}, {@link org.parley.transport.PinningTrustManager})
 * and a ping/pong heartbeat that declares a silent relay dead. Carries whole JSON text messages; knows
 * nothing about frames, and never reconnects by itself (the chat layer decides that).
 */
package org.parley.transport;
