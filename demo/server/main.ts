import { startDevServer } from './dev-server.js';

const requestedPort = Number(process.env.PORT ?? 8000);
if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
  console.error(`PORT must be a whole number from 0 to 65535, not ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}

const server = await startDevServer({ port: requestedPort }).catch((error: NodeJS.ErrnoException) => {
  const hint = error.code === 'EADDRINUSE' ? ` (port ${requestedPort} is taken: try PORT=8001 npm start)` : '';
  console.error(`could not start the dev server${hint}: ${error.message}`);
  process.exit(1);
});

const base = `http://localhost:${server.port}`;
console.log(`persistent-chat dev server

  Demo shop         ${base}/
  Same site, other  http://www.shop.localhost:${server.port}/  and  http://help.shop.localhost:${server.port}/help/
  Another site      http://www.partner.localhost:${server.port}/   (the chat follows through the hub at http://chat.hub.localhost:${server.port}/hub.html,
                    where the browser allows third-party cookies)
  Same-site hub     http://www.shop.localhost:${server.port}/orders/  and  http://help.shop.localhost:${server.port}/orders/  (one owner for both)
  Plain-JS embed    ${base}/dynamic/   (element created by script, with a customer's attributes)
  Agent console     ${base}/agent/
  Emulator          ws://localhost:${server.port}/v1   (admin API: ${base}/emulator/sessions)

Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
