// A second WebRTC implementation against Plenum's WHIP and WHEP endpoints (docs/protocol.md §13.1), driven by
// WeriftConformanceVideoIT inside its network namespace. werift (TypeScript WebRTC, not libwebrtc) publishes RTP that
// ffmpeg makes from its test source (VP8 or H.264) by WHIP, and receives by WHEP with its own offer (the server
// answers 406 with its counter-offer, MV21). Prints one JSON line per step; exits 0 only when every step passed.
//
//   node conformance.mjs publish <whipUrl> <secret> <vp8|h264> <seconds>
//   node conformance.mjs watch <whepUrl> <secret> <seconds> <minPackets>
import { spawn } from "node:child_process";
import dgram from "node:dgram";
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters } from "werift";

const H264 = new RTCRtpCodecParameters({
  mimeType: "video/H264",
  clockRate: 90000,
  rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "goog-remb" }],
  parameters: "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
});
const VP8 = new RTCRtpCodecParameters({
  mimeType: "video/VP8",
  clockRate: 90000,
  rtcpFeedback: [{ type: "nack" }, { type: "nack", parameter: "pli" }, { type: "goog-remb" }],
});
const OPUS = new RTCRtpCodecParameters({ mimeType: "audio/opus", clockRate: 48000, channels: 2 });

function say(step, fields) {
  console.log(JSON.stringify({ step, ...fields }));
}

async function gathered(pc) {
  if (pc.iceGatheringState === "complete") return;
  await new Promise((resolve) => {
    const sub = pc.iceGatheringStateChange.subscribe((s) => {
      if (s === "complete") {
        sub.unSubscribe();
        resolve();
      }
    });
    setTimeout(resolve, 5000);
  });
}

async function http(method, url, secret, type, body, extra = {}) {
  const headers = { Authorization: `Bearer ${secret}`, ...extra };
  if (type) headers["Content-Type"] = type;
  const r = await fetch(url, { method, headers, body });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

async function publish(url, secret, codec, seconds) {
  const video = codec === "h264" ? H264 : VP8;
  const pc = new RTCPeerConnection({ codecs: { audio: [], video: [video] } });
  const track = new MediaStreamTrack({ kind: "video" });
  pc.addTransceiver(track, { direction: "sendonly" });
  const udp = dgram.createSocket("udp4");
  await new Promise((resolve) => udp.bind(0, "127.0.0.1", resolve));
  const port = udp.address().port;
  let sent = 0;
  udp.on("message", (data) => {
    track.writeRtp(data);
    sent++;
  });
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  const r = await http("POST", url, secret, "application/sdp", pc.localDescription.sdp);
  say("whip-post", { status: r.status, location: r.headers.get("location"), etag: r.headers.get("etag"), codec });
  if (r.status !== 201) throw new Error(`WHIP POST answered ${r.status}: ${r.text}`);
  if (!/m=video [1-9]/.test(r.text)) throw new Error(`the answer carries no video: ${r.text}`);
  await pc.setRemoteDescription({ type: "answer", sdp: r.text });
  const encoder = codec === "h264"
    ? ["-c:v", "libx264", "-profile:v", "baseline", "-level", "3.1", "-pix_fmt", "yuv420p", "-tune", "zerolatency",
       "-preset", "ultrafast", "-g", "30", "-bsf:v", "h264_mp4toannexb"]
    : ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "800k", "-g", "30"];
  const ffmpeg = spawn("ffmpeg", ["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
    "testsrc=size=320x180:rate=15", "-t", String(seconds), ...encoder, "-an", "-payload_type", "96", "-f", "rtp",
    `rtp://127.0.0.1:${port}?pkt_size=1200`], { stdio: ["ignore", "ignore", "inherit"] });
  const connected = new Promise((resolve) => pc.connectionStateChange.subscribe((s) => s === "connected" && resolve()));
  await Promise.race([connected, new Promise((_, reject) => setTimeout(() => reject(new Error("no connection in 15 s")), 15000))]);
  say("whip-connected", {});
  await new Promise((resolve) => ffmpeg.on("exit", resolve));
  say("whip-sent", { packets: sent });
  const location = new URL(r.headers.get("location"), url).toString();
  const del = await http("DELETE", location, secret);
  say("whip-delete", { status: del.status });
  udp.close();
  await pc.close();
  if (sent < 5 * seconds || del.status !== 200) throw new Error(`sent ${sent} packets, DELETE ${del.status}`);
}

async function watch(url, secret, seconds, minPackets) {
  // the player's own offer (recvonly): the bridge must offer, so it answers 406 with its counter-offer (MV21)
  const offerer = new RTCPeerConnection({ codecs: { audio: [OPUS], video: [VP8, H264] } });
  offerer.addTransceiver("audio", { direction: "recvonly" });
  offerer.addTransceiver("video", { direction: "recvonly" });
  await offerer.setLocalDescription(await offerer.createOffer());
  const r = await http("POST", url, secret, "application/sdp", offerer.localDescription.sdp);
  await offerer.close();
  say("whep-post", { status: r.status, location: r.headers.get("location"), etag: r.headers.get("etag") });
  if (r.status !== 406 || !r.headers.get("location")) throw new Error(`WHEP POST answered ${r.status}: ${r.text}`);
  const location = new URL(r.headers.get("location"), url).toString();
  const pc = new RTCPeerConnection({ codecs: { audio: [OPUS], video: [VP8, H264] } });
  let packets = 0;
  let first = 0;
  const started = Date.now();
  const codecs = new Set();
  pc.onTrack.subscribe((track) => {
    track.onReceiveRtp.subscribe(() => {
      if (packets++ === 0) first = Date.now() - started;
    });
  });
  await pc.setRemoteDescription({ type: "offer", sdp: r.text });
  await pc.setLocalDescription(await pc.createAnswer());
  await gathered(pc);
  for (const m of pc.localDescription.sdp.matchAll(/a=rtpmap:\d+ ([A-Za-z0-9]+)\//g)) codecs.add(m[1].toUpperCase());
  const patched = await http("PATCH", location, secret, "application/sdp", pc.localDescription.sdp,
    { "If-Match": r.headers.get("etag") });
  say("whep-answer", { status: patched.status, codecs: [...codecs] });
  if (patched.status !== 204) throw new Error(`PATCH answer: ${patched.status} ${patched.text}`);
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline && packets < minPackets) await new Promise((resolve) => setTimeout(resolve, 200));
  say("whep-received", { packets, firstPacketMs: first });
  const del = await http("DELETE", location, secret);
  say("whep-delete", { status: del.status });
  await pc.close();
  if (packets < minPackets) throw new Error(`received ${packets} RTP packets, wanted ${minPackets}`);
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === "publish") await publish(args[0], args[1], args[2], Number(args[3]));
  else if (mode === "watch") await watch(args[0], args[1], Number(args[2]), Number(args[3]));
  else throw new Error(`unknown mode ${mode}`);
  say("done", { ok: true });
  process.exit(0);
} catch (e) {
  say("done", { ok: false, error: String(e && e.stack || e) });
  process.exit(1);
}
