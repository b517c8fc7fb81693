// Drives Sora with the reference graphql-ws client, unchanged: connects with a bearer token in
// connectionParams, subscribes to userEvents, prints each event as one JSON line, and completes after
// the first one. Usage: node graphql-ws-subscribe.mjs <ws-url> <token>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token] = process.argv.slice(2);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { authorization: `Bearer ${token}` },
  retryAttempts: 0,
  on: { connected: () => console.log(JSON.stringify({ status: 'connected' })) },
});

const subscription = client.iterate({ query: 'subscription { userEvents { kind sequence actor { handle } } }' });
try {
  for await (const result of subscription) {
    console.log(JSON.stringify({ status: 'event', result }));
    break; // leaving the loop sends "complete" for this operation
  }
  console.log(JSON.stringify({ status: 'completed' }));
} catch (error) {
  console.log(JSON.stringify({ status: 'error', error: String(error?.reason ?? error?.message ?? error) }));
  process.exitCode = 1;
} finally {
  await client.dispose();
}
