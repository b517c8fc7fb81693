// Drives Sora with the reference graphql-http client: one mutation (signUp) and one query (me with the
// returned token). Prints both results as JSON lines. Usage: node graphql-http-client.mjs <http-url> <handle>
import { createClient } from 'graphql-http';

const [url, handle] = process.argv.slice(2);

function run(client, payload) {
  return new Promise((resolve, reject) => {
    let result;
    client.subscribe(payload, { next: (r) => (result = r), error: reject, complete: () => resolve(result) });
  });
}

try {
  const anonymous = createClient({ url });
  const signUp = await run(anonymous, {
    query: 'mutation($input: SignUpInput!) { signUp(input: $input) { token account { id handle } errors { code } } }',
    variables: { input: { handle, email: `${handle}@example.com`, password: 'correct horse battery staple', birthDate: '1991-04-01' } },
  });
  console.log(JSON.stringify({ step: 'mutation', result: signUp }));

  const signedIn = createClient({ url, headers: { authorization: `Bearer ${signUp.data.signUp.token}` } });
  const me = await run(signedIn, { query: 'query Me { me { handle followerCount } }', operationName: 'Me' });
  console.log(JSON.stringify({ step: 'query', result: me }));
} catch (error) {
  console.log(JSON.stringify({ step: 'error', error: String(error?.message ?? error) }));
  process.exitCode = 1;
}
