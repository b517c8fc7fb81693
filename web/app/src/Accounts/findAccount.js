// One account by its handle, for every form that names people (grants, blocks, invites, conversations).
import { ApiError, gql } from '../api/client.js';

const ACCOUNT_BY_HANDLE = `query AccountByHandle($handle: String!) { account(handle: $handle) { id handle } }`;

/** The account { id, handle } a typed handle names ("@" and spaces allowed); a clear error, on `field`, when none does. */
export async function findAccount(typed, field) {
  const handle = typed.trim().replace(/^@/, '');
  try {
    return (await gql(ACCOUNT_BY_HANDLE, { handle })).account;
  } catch (e) {
    throw e.code === 'NOT_FOUND' ? new ApiError(`No account @${handle} (or it blocks you).`, e.code, field) : e;
  }
}
