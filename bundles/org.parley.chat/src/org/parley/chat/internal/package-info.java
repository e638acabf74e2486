/**
 * The implementation of {@link org.parley.chat.ChatService}: {@link org.parley.chat.internal.ChatClient}
 * (plain Java, usable without OSGi) and its DS wrapper
 * {@link org.parley.chat.internal.ChatServiceComponent}. Not API: exported {@code x-internal} for tests
 * and headless clients only.
 */
package org.parley.chat.internal;
