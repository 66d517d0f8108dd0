// Every socket the server accepted, so shutdown can end them all: server.close() waits for each one,
// including those an upgrade took out of the HTTP server's hands (which closeAllConnections never sees).
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export function trackSockets(server: Server): { destroyAll(): void } {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return {
    destroyAll: () => {
      for (const socket of open) socket.destroy();
    },
  };
}

/** Answers an upgrade request with a bare status and closes the connection, whatever the client does next. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  const reason = { 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests' }[status] ?? 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}
