// Drives Sora with Apollo Client, unchanged: HttpLink for queries and mutations, GraphQLWsLink (graphql-ws)
// for subscriptions, split by operation type as the Apollo docs recommend. Signs in, queries "me", then
// subscribes to userEvents and prints the first event. Usage: node apollo-client.mjs <http-url> <ws-url> <login>
import { ApolloClient, HttpLink, InMemoryCache, gql, split, ApolloLink } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [httpUrl, wsUrl, login] = process.argv.slice(2);
let token = null;
const out = (o) => console.log(JSON.stringify(o));

const auth = new ApolloLink((operation, forward) => {
  if (token) operation.setContext({ headers: { authorization: `Bearer ${token}` } });
  return forward(operation);
});
const http = new HttpLink({ uri: httpUrl });
const wsClient = createClient({
  url: wsUrl,
  webSocketImpl: WebSocket,
  connectionParams: () => ({ authorization: `Bearer ${token}` }),
  retryAttempts: 0,
  on: { connected: () => out({ step: 'connected' }) },
});
const link = split(
  ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  },
  new GraphQLWsLink(wsClient),
  auth.concat(http),
);
const client = new ApolloClient({ link, cache: new InMemoryCache() });

try {
  const signIn = await client.mutate({
    mutation: gql`mutation($input: SignInInput!) { signIn(input: $input) { token account { id handle } errors { code } } }`,
    variables: { input: { login, password: 'correct horse battery staple' } },
  });
  token = signIn.data.signIn.token;
  out({ step: 'mutation', data: signIn.data });

  const me = await client.query({ query: gql`query { me { id handle } }`, fetchPolicy: 'network-only' });
  out({ step: 'query', data: me.data });

  await new Promise((resolve, reject) => {
    const subscription = client
      .subscribe({ query: gql`subscription { userEvents { kind actor { handle } } }` })
      .subscribe({
        next: (result) => {
          out({ step: 'event', data: result.data });
          subscription.unsubscribe();
          resolve();
        },
        error: reject,
      });
  });
} catch (error) {
  out({ step: 'error', error: String(error?.message ?? error) });
  process.exitCode = 1;
} finally {
  await wsClient.dispose();
}
