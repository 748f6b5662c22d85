package org.plenum.media.janus;

/**
 * Where a remote publisher added with {@code add_remote_publisher} receives its RTP: Janus 1.1.2 answers
 * {@code {"videoroom":"success","room":..,"id":..,"port":10004,"rtcp_port":10005}} and adds {@code "ip"} only when
 * the request named an {@code iface}. All streams of the feed share the one port (demultiplexed by SSRC).
 */
public record RemotePublisher(String room, String id, String ip, int port, int rtcpPort) {
}
