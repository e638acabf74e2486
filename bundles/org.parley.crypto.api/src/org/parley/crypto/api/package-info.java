/**
 * The encryption-scheme SPI of Parley: interfaces and value types only, {@code java.base} only.
 * Implementations are OSGi Declarative Services components in their own bundles.
 */
package org.parley.crypto.api;
