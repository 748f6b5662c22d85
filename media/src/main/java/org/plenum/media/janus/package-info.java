/**
 * Janus 1.1.2 control: {@link org.plenum.media.janus.JanusProcess} (a Janus with a project-owned config folder),
 * {@link org.plenum.media.janus.JanusClient} (WebSocket Janus API: sessions, handles, transactions with deadlines,
 * reconnect), {@link org.plenum.media.janus.JanusAdmin} (info and Admin API over HTTP) and
 * {@link org.plenum.media.janus.VideoRoom} (typed VideoRoom requests). Janus JSON never leaves {@code media/}.
 */
package org.plenum.media.janus;
