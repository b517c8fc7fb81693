// The app's one way to the server: GraphQL over HTTP for queries and mutations, graphql-transport-ws (the
// reference graphql-ws client) for subscriptions, and plain HTTP for the upload endpoints the schema points to.
import { createClient } from 'graphql-ws';
import { signal } from './signal.js';

const TOKEN_KEY = 'sora.token';

/** The signed-in account ({ id, handle, roles, isTeen }) or null; screens re-render when it changes. */
export const session = signal(readSession());

function readSession() {
  try {
    const saved = JSON.parse(localStorage.getItem(TOKEN_KEY) ?? 'null');
    return saved?.token ? saved : null;
  } catch {
    return null;
  }
}

export function signIn(token, account) {
  const value = { token, id: account.id, handle: account.handle, roles: account.roles ?? [], isTeen: !!account.isTeen };
  localStorage.setItem(TOKEN_KEY, JSON.stringify(value));
  resetSocket();
  session.set(value);
}

export function signOut() {
  localStorage.removeItem(TOKEN_KEY);
  resetSocket();
  session.set(null);
}

export function hasRole(role) {
  return session.get()?.roles?.includes(role) ?? false;
}

/** A failure the server typed: extensions.code for request errors, or the payload's errors[].code for user errors. */
export class ApiError extends Error {
  constructor(message, code, field) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

function authHeaders() {
  const token = session.get()?.token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * Runs a query or mutation and answers its data. A request error (extensions.code) throws an ApiError; an expired
 * or rejected token signs the user out, so the app asks them to sign in again instead of failing quietly.
 */
export async function gql(query, variables = {}, { keepalive = false } = {}) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      keepalive,
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...authHeaders() },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 'NETWORK');
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} without a GraphQL result.`, 'BAD_RESPONSE');
  }
  if (body.errors?.length) {
    const first = body.errors[0];
    const code = first.extensions?.code ?? 'ERROR';
    if (code === 'UNAUTHENTICATED' && session.get()) signOut();
    throw new ApiError(first.message, code);
  }
  return body.data;
}

/**
 * Runs a mutation whose payload has `errors: [UserError!]!` and answers the payload; the first user error throws,
 * with its code and field, so forms can show it next to the input it concerns.
 */
export async function mutate(query, variables, field) {
  const data = await gql(query, variables);
  const payload = data[field];
  const error = payload?.errors?.[0];
  if (error) throw new ApiError(error.message, error.code, error.field);
  return payload;
}

let socket = null;

function resetSocket() {
  socket?.dispose();
  socket = null;
}

function ws() {
  if (!socket) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = createClient({
      url: `${scheme}://${location.host}/graphql`,
      // Read at each (re)connect, so a socket opened before sign-in never carries a stale identity.
      connectionParams: () => authHeaders(),
      lazy: true,
      retryAttempts: 8,
      shouldRetry: () => true,
    });
  }
  return socket;
}

/**
 * Subscribes and calls onData(data) for each result; onError gets an ApiError. Answers the function that
 * unsubscribes (it sends "complete" for this operation only; the socket stays for the others).
 */
export function subscribe(query, variables, onData, onError = () => {}) {
  return ws().subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors?.length) onError(new ApiError(result.errors[0].message, result.errors[0].extensions?.code ?? 'ERROR'));
        else onData(result.data);
      },
      // graphql-ws hands over the server's GraphQL errors as an array, or a close event, or an Error.
      error: (error) => {
        const first = Array.isArray(error) ? error[0] : null;
        onError(new ApiError(first?.message || error?.reason || error?.message || 'The live connection failed.', first?.extensions?.code ?? 'SUBSCRIPTION'));
      },
      complete: () => {},
    },
  );
}

/** Sends a file to an upload endpoint the API named (a recording, an image); answers the parsed JSON reply. */
export async function upload(url, method, file, contentType) {
  let response;
  try {
    response = await fetch(url, { method, headers: { 'content-type': contentType || file.type || 'application/octet-stream', ...authHeaders() }, body: file });
  } catch {
    throw new ApiError('The upload could not reach the server.', 'NETWORK');
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const message = body?.error?.message ?? body?.message ?? body?.errors?.[0]?.message ?? `The upload was refused (${response.status}).`;
    throw new ApiError(message, body?.error?.code ?? body?.code ?? body?.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`);
  }
  return body;
}

/** Downloads an endpoint that needs the bearer token (an auditor's export) and saves it as a file. */
export async function download(url, filename) {
  const response = await fetch(url, { headers: authHeaders() });
  if (!response.ok) throw new ApiError(`The download was refused (${response.status}).`, `HTTP_${response.status}`);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** A fresh id for clientRequestId, so a retried request is applied once. */
export function requestId() {
  return crypto.randomUUID();
}
