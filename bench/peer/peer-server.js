// The peer a team would otherwise write for live ink: a minimal Node `ws` broadcast server. Every text message a
// client sends goes to every other open client, as it is. No auth, no filtering, no storage. Loopback only.
// Usage: node peer-server.js [port]   (0 or none: a free port; prints "listening <port>" when ready)
'use strict';
const { WebSocketServer, WebSocket } = require('ws');

const port = Number(process.argv[2] || 0);
const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false, maxPayload: 1 << 20 });

wss.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    for (const other of wss.clients) {
      if (other !== socket && other.readyState === WebSocket.OPEN) {
        other.send(data, { binary: isBinary });
      }
    }
  });
});

wss.on('listening', () => {
  console.log(`listening ${wss.address().port}`);
});

process.on('SIGTERM', () => wss.close(() => process.exit(0)));
