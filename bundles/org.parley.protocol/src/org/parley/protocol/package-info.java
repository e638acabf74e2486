/**
 * The Parley wire protocol, version 2 (docs/PROTOCOL.md): one record per frame type under the sealed
 * {@link org.parley.protocol.Frame} interface, and {@link org.parley.protocol.FrameCodec}, the only
 * place that turns frames into JSON text and back. Shared by the client and the relay.
 */
package org.parley.protocol;
