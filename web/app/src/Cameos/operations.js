// My cameo's GraphQL documents: verification, consent settings, and the uses of my likeness.
const errors = 'errors { code message field }';

export const CAMEO_FIELDS = `
  fragment CameoFields on Cameo {
    id status failureReason phrase attempts likenessInForce verifiedAt audience audienceVersion restrictions approvalRequired active uses
    grants(first: 50) { edges { node { id grantee { id handle } grantedAt expiresAt maxUses uses revokedAt valid } } }
    blocked(first: 50) { edges { node { id handle } } }
    pendingChanges { id audience grantee { handle } expiresAt maxUses proposedAt }
  }`;

export const MY_CAMEOS = `query MyCameos { myCameos(first: 5) { edges { node { ...CameoFields } } } } ${CAMEO_FIELDS}`;
export const CAMEO = `query Cameo($id: ID!) { cameo(id: $id) { ...CameoFields } } ${CAMEO_FIELDS}`;

export const USAGES = `query Usages($id: ID!, $first: Int, $after: String) {
  cameo(id: $id) { id usages(first: $first, after: $after) {
    edges { node { id requester { handle } right grantId audience audienceVersion status withdrawnReason path at withdrawnAt receiptHash
      video { id prompt status posterUrl } } }
    pageInfo { hasNextPage endCursor }
  } }
}`;

export const START = `mutation Start($input: StartCameoVerificationInput!) {
  startCameoVerification(input: $input) { cameo { ...CameoFields } upload { url method maxBytes acceptedFormats } instructions ${errors} }
} ${CAMEO_FIELDS}`;


/** The owner's consent mutations, all answering the cameo as it now stands. */
const change = (name, input) => `mutation ${name[0].toUpperCase()}${name.slice(1)}($input: ${input}!) { ${name}(input: $input) { cameo { ...CameoFields } ${errors} } } ${CAMEO_FIELDS}`;
export const SET_AUDIENCE = change('setCameoAudience', 'SetCameoAudienceInput');
export const GRANT = change('grantCameoAccess', 'GrantCameoAccessInput');
export const REVOKE = change('revokeCameoGrant', 'RevokeCameoGrantInput');
export const BLOCK = change('blockFromCameo', 'BlockFromCameoInput');
export const UNBLOCK = change('unblockFromCameo', 'UnblockFromCameoInput');
export const RESTRICT = change('setCameoRestrictions', 'SetCameoRestrictionsInput');
export const APPROVAL = change('setCameoApprovalMode', 'SetCameoApprovalModeInput');
export const DEACTIVATE = change('deactivateCameo', 'DeactivateCameoInput');
export const REACTIVATE = change('reactivateCameo', 'ReactivateCameoInput');
export const DELETE = change('deleteCameo', 'DeleteCameoInput');
export const APPROVE_USE = change('approveCameoUse', 'ApproveCameoUseInput');
export const DECLINE_USE = change('declineCameoUse', 'DeclineCameoUseInput');
export const REMOVE_USE = change('removeCameoUse', 'RemoveCameoUseInput');

export const ACTIVITY = `subscription Activity { cameoActivity { kind cameoId useId at } }`;
