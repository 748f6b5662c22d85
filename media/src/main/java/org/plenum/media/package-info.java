/**
 * Video bridge control plane (Janus pool, room endpoints, WHIP/WHEP, floor control) — filled in by the video
 * issue. The server depends on this module; nothing here may depend on the server.
 */
package org.plenum.media;
