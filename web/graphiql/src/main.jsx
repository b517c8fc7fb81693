// GraphiQL wired to Sora: HTTP for queries and mutations, graphql-transport-ws for subscriptions.
// The WebSocket carries the Authorization header typed into GraphiQL's headers editor as connectionParams,
// which is where Sora reads it (connection_init payload).
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { createClient } from 'graphql-ws';
import 'graphiql/graphiql.css';

const http = new URL('/graphql', window.location.href);
const ws = new URL('/graphql', window.location.href);
ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';

function headersFromEditor() {
  try {
    return JSON.parse(window.localStorage.getItem('graphiql:headers') || '{}');
  } catch {
    return {};
  }
}

const wsClient = createClient({
  url: ws.toString(),
  lazy: true,
  connectionParams: () => {
    const headers = headersFromEditor();
    const authorization = headers.Authorization || headers.authorization;
    return authorization ? { authorization } : {};
  },
});

const fetcher = createGraphiQLFetcher({ url: http.toString(), wsClient });

const defaultQuery = `# Sign up, copy the token into Headers as {"Authorization": "Bearer <token>"}, then try "me".
mutation SignUp {
  signUp(input: { handle: "me_first", email: "me@example.com", password: "a long passphrase", birthDate: "1995-01-01" }) {
    token
    account { id handle }
    errors { code message field }
  }
}

query Me { me { id handle followerCount followingCount } }

subscription Events { userEvents { kind at actor { handle } } }
`;

createRoot(document.getElementById('graphiql')).render(
  <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} shouldPersistHeaders={true} />,
);
