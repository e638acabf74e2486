/**
 * The client side of the relay connection: a TLS WebSocket on {@code java.net.http}
 * ({@link org.parley.transport.RelayConnection}) with trust-on-first-use certificate pinning
 * ({@link org.parley.transport.CertificatePinStore}, {@link org.parley.transport.PinningTrustManager}).
 * Carries whole JSON text messages; knows nothing about frames.
 */
package org.parley.transport;
