// Runs graphql-http's own server audit (the GraphQL-over-HTTP spec's MUSTs and SHOULDs) against a running Sora and
// prints one JSON line per audit: { id, name, status: "ok" | "warn" | "error", reason }. Usage: node graphql-http-audit.mjs <http-url>
import { auditServer } from 'graphql-http';

const [url] = process.argv.slice(2);
try {
  for (const result of await auditServer({ url })) {
    console.log(JSON.stringify({ id: result.id, name: result.name, status: result.status, reason: result.reason ?? null }));
  }
  console.log(JSON.stringify({ id: 'done' }));
} catch (error) {
  console.log(JSON.stringify({ id: 'error', reason: String(error?.message ?? error) }));
  process.exitCode = 1;
}
