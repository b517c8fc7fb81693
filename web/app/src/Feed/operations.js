// The feed's GraphQL documents, in one place so the screen, the player and the dialogs ask for the same fields.
export const VIDEO_FIELDS = `
  fragment FeedVideo on Video {
    id prompt url posterUrl durationSeconds width height publishedAt labels ageRestricted viewerHasLiked
    creator { id handle }
    stats { likes comments shares views }
    remixOf { id }
  }`;

export const FEED = `query Feed($kind: FeedKind, $first: Int, $after: String) {
  feed(kind: $kind, first: $first, after: $after) {
    items { score reasons scoreParts { name value } video { ...FeedVideo } }
    pageInfo { hasNextPage endCursor }
    endReason dailyScrollCap opensAt servedToday personalized region
  }
} ${VIDEO_FIELDS}`;

export const SEARCH = `query Search($query: String!, $first: Int, $after: String) {
  searchVideos(query: $query, first: $first, after: $after) {
    edges { node { ...FeedVideo } }
    pageInfo { hasNextPage endCursor }
  }
} ${VIDEO_FIELDS}`;

/** Pushed when a video we hold leaves public view (a revoked consent, a takedown, a withdrawal). */
export const VIDEO_REMOVED = `subscription VideoRemoved($ids: [ID!]!) { videoRemoved(ids: $ids) { videoId } }`;

const errors = 'errors { code message field }';
export const RECORD_VIEW = `mutation RecordView($input: RecordViewInput!) { recordView(input: $input) { ${errors} } }`;
export const LIKE = `mutation Like($input: LikeInput!) { like(input: $input) { video { id viewerHasLiked stats { likes } } ${errors} } }`;
export const UNLIKE = `mutation Unlike($input: UnlikeInput!) { unlike(input: $input) { video { id viewerHasLiked stats { likes } } ${errors} } }`;
export const SEE_LESS = `mutation SeeLess($input: SeeLessInput!) { seeLess(input: $input) { ${errors} } }`;
export const NOT_INTERESTED = `mutation NotInterested($input: NotInterestedInput!) { notInterested(input: $input) { ${errors} } }`;
export const HIDE = `mutation Hide($input: HideInput!) { hide(input: $input) { ${errors} } }`;
export const SHARE = `mutation Share($input: ShareInput!) { share(input: $input) { video { id stats { shares } } ${errors} } }`;
export const REPORT = `mutation Report($input: ReportInput!) { report(input: $input) { report { id } ${errors} } }`;

export const COMMENTS = `query Comments($id: ID!, $first: Int, $after: String) {
  video(id: $id) { id comments(first: $first, after: $after) {
    edges { node { id text postedAt viewerCanDelete author { handle } } }
    pageInfo { hasNextPage endCursor }
  } }
}`;
export const COMMENT = `mutation Comment($input: CommentInput!) { comment(input: $input) { comment { id text postedAt viewerCanDelete author { handle } } video { id stats { comments } } ${errors} } }`;
export const DELETE_COMMENT = `mutation DeleteComment($input: DeleteCommentInput!) { deleteComment(input: $input) { ${errors} } }`;
