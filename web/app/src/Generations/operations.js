// The create flow's GraphQL documents.
const errors = 'errors { code message field }';

export const GENERATION_FIELDS = `
  fragment GenerationFields on Generation {
    id state reason queuePosition prompt durationSeconds aspect resolution style price refunded
    cameos { handle path receiptHash }
    video { id status url posterUrl prompt }
  }`;

export const PRICE = `query Price($input: GenerationPriceInput!) {
  generationPrice(input: $input) { base surge total queueDepth }
  myCredits { balance freeQuotaLeft dailyFreeQuota }
}`;

export const CONSENT = `query Consent($handle: String!, $prompt: String!) {
  cameoConsent(handle: $handle, prompt: $prompt) { allowed right audience ${errors} }
}`;

export const SOURCE_VIDEO = `query Source($id: ID!) { video(id: $id) { id prompt posterUrl creator { handle } } }`;

export const REQUEST = `mutation Request($input: RequestGenerationInput!) {
  requestGeneration(input: $input) { generation { ...GenerationFields } price { total surge } queuePosition ${errors} }
} ${GENERATION_FIELDS}`;

export const UPDATES = `subscription Updates($id: ID!) {
  generationUpdated(id: $id) { generationId state percent reason queuePosition generation { ...GenerationFields } }
} ${GENERATION_FIELDS}`;

export const PUBLISH = `mutation Publish($input: GenerationIdInput!) { publishVideo(input: $input) { generation { ...GenerationFields } ${errors} } } ${GENERATION_FIELDS}`;
export const WITHDRAW = `mutation Withdraw($input: GenerationIdInput!) { withdrawVideo(input: $input) { generation { ...GenerationFields } ${errors} } } ${GENERATION_FIELDS}`;
export const CANCEL = `mutation Cancel($input: GenerationIdInput!) { cancelGeneration(input: $input) { generation { ...GenerationFields } ${errors} } } ${GENERATION_FIELDS}`;

export const MY_GENERATIONS = `query Mine($first: Int, $after: String) {
  myGenerations(first: $first, after: $after) { edges { node { ...GenerationFields requestedAt } } pageInfo { hasNextPage endCursor } }
} ${GENERATION_FIELDS}`;

/** The @handles a prompt mentions, as the server reads them (same pattern as GenerationRules). */
export function mentions(prompt) {
  const found = new Set();
  for (const match of prompt.matchAll(/(?<![\w@])@([A-Za-z0-9][A-Za-z0-9_.]{1,28}[A-Za-z0-9_])/g)) found.add(match[1].toLowerCase());
  return [...found];
}
