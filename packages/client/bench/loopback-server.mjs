// Loopback "ET" for the benchmark, in its own process so it does not share an event loop with the client.
// It answers every POST with the one pre-sealed response it receives from the parent over IPC.
import { createServer } from 'node:http';

process.once('message', ({ body }) => {
  const payload = Buffer.from(body);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': payload.length }).end(payload);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => server.close(() => process.exit(0)));
});
