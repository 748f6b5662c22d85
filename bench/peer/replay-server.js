// The peer for `./plenum bench resume`: a minimal Node `ws` server that keeps every message a client sends, in memory,
// numbered from 1, and relays it to the other open clients. A client that sends {"since":N} gets every kept message
// after N, then {"type":"ack","replayed":k}. No auth, no filtering, no storage on disk. Loopback only.
// Usage: node replay-server.js [port]   (0 or none: a free port; prints "listening <port>" when ready)
'use strict';
const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.argv[2] || 0);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 1 << 20 });
const kept = [];

wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{"since":')) {
      const since = JSON.parse(text).since;
      let k = 0;
      for (let i = since; i < kept.length; i++) {
        socket.send(kept[i]);
        k++;
      }
      socket.send(JSON.stringify({ type: 'ack', replayed: k, seq: kept.length }));
      return;
    }
    kept.push(text);
    for (const other of wss.clients) {
      if (other !== socket && other.readyState === WebSocket.OPEN) {
        other.send(text);
      }
    }
    socket.send(JSON.stringify({ type: 'ack', seq: kept.length }));
  });
});

wss.on('listening', () => {
  console.log(`listening ${wss.address().port}`);
});

process.on('SIGTERM', () => wss.close(() => process.exit(0)));
