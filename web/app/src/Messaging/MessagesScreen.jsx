// Direct messages: the conversation list and the message requests waiting for an answer, starting a conversation by
// handle, and one conversation with live messages, read receipts and a composer. Refusals the messaging rules give
// (quiet hours, a parent's policy, a pending request) are put in words, since they are not mistakes to fix.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, gql, mutate, requestId, session, subscribe } from '../api/client.js';
import { href, navigate } from '../api/router.js';
import { when } from '../api/format.js';
import { useValue } from '../api/signal.js';
import { Dialog, ErrorNote, Field, Loading, Screen, Segmented, Status, useAction, useLoad, LoadMore } from '../ui/ui.jsx';
import { findAccount } from '../Accounts/findAccount.js';

const PAGE = 20;
const MESSAGE_PAGE = 30;
const errors = 'errors { code message field }';

const MESSAGE_FIELDS = `fragment MessageFields on Message {
  id conversationId sender { id handle } text sentAt
  sharedVideo { id prompt posterUrl } sharedVideoUnavailable
  readBy { id handle }
}`;

const CONVERSATION_SUMMARY = `fragment ConversationSummary on Conversation {
  id isGroup startedBy { id handle } members { id handle } startedAt lastActivityAt
  isRequest awaitingAcceptance declined readUpTo
  messages(first: 1) { edges { node { id text sentAt sender { id handle } sharedVideo { id } sharedVideoUnavailable } } }
}`;

const CONVERSATIONS = `query Conversations($requests: Boolean, $first: Int, $after: String) {
  conversations(requests: $requests, first: $first, after: $after) {
    edges { node { ...ConversationSummary } }
    pageInfo { hasNextPage endCursor }
  }
} ${CONVERSATION_SUMMARY}`;

const CONVERSATION = `query Conversation($id: ID!, $first: Int, $after: String) {
  conversation(id: $id) {
    id isGroup startedBy { id handle } members { id handle } startedAt isRequest awaitingAcceptance declined readUpTo
    messages(first: $first, after: $after) { edges { node { ...MessageFields } } pageInfo { hasNextPage endCursor } }
  }
} ${MESSAGE_FIELDS}`;


const MESSAGE_ADDED = `subscription MessageAdded($conversationId: ID) {
  messageAdded(conversationId: $conversationId) { conversationId messageId message { ...MessageFields } }
} ${MESSAGE_FIELDS}`;

const START_CONVERSATION = `mutation StartConversation($input: StartConversationInput!) {
  startConversation(input: $input) { conversationId ${errors} }
}`;
const SEND_MESSAGE = `mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) { message { ...MessageFields } ${errors} }
} ${MESSAGE_FIELDS}`;
const ACCEPT_REQUEST = `mutation AcceptMessageRequest($input: AcceptMessageRequestInput!) { acceptMessageRequest(input: $input) { conversationId ${errors} } }`;
const DECLINE_REQUEST = `mutation DeclineMessageRequest($input: DeclineMessageRequestInput!) { declineMessageRequest(input: $input) { conversationId ${errors} } }`;
const MARK_READ = `mutation MarkConversationRead($input: MarkConversationReadInput!) { markConversationRead(input: $input) { conversationId ${errors} } }`;
const LEAVE = `mutation LeaveConversation($input: LeaveConversationInput!) { leaveConversation(input: $input) { conversationId ${errors} } }`;
const DELETE = `mutation DeleteConversation($input: DeleteConversationInput!) { deleteConversation(input: $input) { conversationId ${errors} } }`;

// What the messaging rules mean for the person writing; the server's own sentence follows in ErrorNote's code.
const REFUSALS = {
  QUIET_HOURS: 'It is quiet hours: a parent set a time of day when messages cannot be sent. Try again once they end.',
  PARENTAL_POLICY: 'Parental controls (yours or theirs) do not allow messages between you.',
  REQUEST_PENDING: 'Your message request has not been accepted yet: nothing more can be sent until they accept it.',
  REQUEST_DECLINED: 'They declined your message request, so nothing more can be sent here.',
  NOT_ACCEPTING_MESSAGES: 'This account is not accepting messages from you.',
  BLOCKED: 'A block between you stops messages.',
  RATE_LIMITED: 'That is a lot of messages at once. Wait a minute, then try again.',
  NOT_FOLLOWING: 'Everyone in a group must follow you first.',
  NO_RECIPIENTS: 'Nobody left to send to: name at least one other account.',
};

/** Only an answer that never came back is retried under the same clientRequestId; a refusal makes the next try new. */
const unanswered = (error) => error?.code === 'NETWORK' || error?.code === 'BAD_RESPONSE';

function explain(error) {
  if (!error) return null;
  const words = REFUSALS[error.code];
  return words ? new ApiError(words, error.code, error.field) : error;
}

function title(conversation, me) {
  const others = conversation.members.filter((m) => m.id !== me?.id);
  if (others.length === 0) return 'Only you';
  return others.map((m) => `@${m.handle}`).join(', ');
}

/** A video id from an id or a pasted link to it (…#/videos/ID). */
function videoIdFrom(text) {
  const value = text.trim();
  if (!value) return null;
  return value.match(/#\/videos\/([^/?#\s]+)/)?.[1] ?? value;
}

function Preview({ conversation, me }) {
  const last = conversation.messages.edges[0]?.node;
  const unread = last && last.sender?.id !== me?.id && last.id !== conversation.readUpTo;
  return (
    <>
      <div class="row">
        <strong class="grow">{title(conversation, me)}</strong>
        {unread && <span class="badge">● Unread</span>}
        {conversation.isGroup && <span class="badge">Group</span>}
      </div>
      <div class="muted">
        {last ? (
          <>
            {last.sender?.id === me?.id ? 'You' : last.sender ? `@${last.sender.handle}` : 'Someone'}:{' '}
            {last.text ?? (last.sharedVideo || last.sharedVideoUnavailable ? 'shared a video' : 'a message no longer readable')}
          </>
        ) : (
          'No messages yet'
        )}
        {' · '}
        {when(conversation.lastActivityAt)}
      </div>
      {conversation.awaitingAcceptance && <div class="muted">… Waiting for them to accept your request</div>}
      {conversation.declined && <div class="muted">✕ Request declined</div>}
    </>
  );
}

function RequestAnswer({ conversation, onDone }) {
  const answer = useAction(async (accept) => {
    const input = { conversationId: conversation.id };
    if (accept) await mutate(ACCEPT_REQUEST, { input }, 'acceptMessageRequest');
    else await mutate(DECLINE_REQUEST, { input }, 'declineMessageRequest');
    onDone(accept);
  });
  return (
    <>
      <ErrorNote error={answer.error} />
      <div class="row">
        <button type="button" class="primary" onClick={() => answer.run(true)} disabled={answer.busy}>
          Accept
        </button>
        <button type="button" onClick={() => answer.run(false)} disabled={answer.busy}>
          Decline
        </button>
      </div>
    </>
  );
}

function ConversationList({ requests, me }) {
  const [extra, setExtra] = useState([]);
  const [note, setNote] = useState('');
  const load = useLoad(async () => {
    setExtra([]);
    return (await gql(CONVERSATIONS, { requests, first: PAGE })).conversations;
  }, [requests]);
  const pages = [load.data, ...extra].filter(Boolean);
  const last = pages[pages.length - 1];
  const more = useAction(async () => {
    const page = (await gql(CONVERSATIONS, { requests, first: PAGE, after: last.pageInfo.endCursor })).conversations;
    setExtra((e) => [...e, page]);
  });
  const conversations = pages.flatMap((p) => p.edges.map((e) => e.node)).filter((c, i, all) => all.findIndex((x) => x.id === c.id) === i);

  // A new message anywhere reorders the list (it is by last activity): read the first page again.
  const reload = useRef(load.reload);
  reload.current = load.reload;
  useEffect(() => subscribe(MESSAGE_ADDED, { conversationId: null }, () => reload.current()), []);

  if (load.loading && !load.data) return <Loading />;
  return (
    <>
      <ErrorNote error={load.error} />
      <Status>{note}</Status>
      {conversations.length === 0 && !load.error && (
        <p>{requests ? 'No message requests. When someone you do not follow writes to you, it waits here.' : 'No conversations yet. Start one below.'}</p>
      )}
      <ul class="plain">
        {conversations.map((c) => (
          <li key={c.id}>
            <a href={href(`/messages/${c.id}`)} class="conversation-link">
              <Preview conversation={c} me={me} />
            </a>
            {requests && (
              <RequestAnswer
                conversation={c}
                onDone={(accepted) => {
                  if (accepted) navigate(`/messages/${c.id}`);
                  else {
                    setNote(`Declined the request from ${title(c, me)}.`);
                    load.reload();
                  }
                }}
              />
            )}
          </li>
        ))}
      </ul>
      <LoadMore more={more} hasNext={last?.pageInfo.hasNextPage} />
    </>
  );
}

function StartForm() {
  const [handles, setHandles] = useState('');
  const [text, setText] = useState('');
  // One id per attempt: a retry after a lost answer starts nothing new; an edit or a refusal makes it a new request.
  const attempt = useRef(null);
  const start = useAction(async () => {
    const wanted = [...new Set(handles.split(/[\s,]+/).map((h) => h.replace(/^@/, '').trim()).filter(Boolean))];
    if (wanted.length === 0) throw new ApiError('Name at least one handle.', 'BAD_USER_INPUT', 'memberIds');
    const accounts = await Promise.all(
      wanted.map((handle) => findAccount(handle, 'memberIds')),
    );
    attempt.current ??= requestId();
    let payload;
    try {
      payload = await mutate(
        START_CONVERSATION,
        { input: { memberIds: accounts.map((a) => a.id), text: text.trim() || null, clientRequestId: attempt.current } },
        'startConversation',
      );
    } catch (e) {
      if (!unanswered(e)) attempt.current = null;
      throw e;
    }
    attempt.current = null;
    navigate(`/messages/${payload.conversationId}`);
  });
  const edited = (set) => (e) => {
    attempt.current = null;
    set(e.currentTarget.value);
  };
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        start.run();
      }}
    >
      <h2>New conversation</h2>
      <Field label="To" hint="One handle, or several for a group (each must follow you). Separate them with spaces or commas.">
        {(a) => <input {...a} value={handles} autocomplete="off" autocapitalize="none" spellcheck={false} placeholder="@handle" onInput={edited(setHandles)} />}
      </Field>
      <Field label="First message (optional)" hint="To someone who does not follow you, this is a message request: one message until they accept.">
        {(a) => <textarea {...a} maxLength={2000} value={text} onInput={edited(setText)} />}
      </Field>
      <ErrorNote error={explain(start.error)} />
      <button type="submit" class="primary" disabled={start.busy}>
        {start.busy ? 'Starting…' : 'Start'}
      </button>
    </form>
  );
}

function MessageItem({ message, me }) {
  const mine = message.sender?.id === me?.id;
  const readers = message.readBy.filter((a) => a.id !== me?.id && a.id !== message.sender?.id);
  return (
    <li class={mine ? 'message mine' : 'message'}>
      <div class="muted">
        <strong>{mine ? 'You' : message.sender ? `@${message.sender.handle}` : 'A deleted account'}</strong> · <time dateTime={message.sentAt}>{when(message.sentAt)}</time>
      </div>
      {message.text != null ? <p class="message-text">{message.text}</p> : !message.sharedVideo && !message.sharedVideoUnavailable && <p class="muted">This message can no longer be read.</p>}
      {message.sharedVideo && (
        <a class="shared-video" href={href(`/videos/${message.sharedVideo.id}`)}>
          {message.sharedVideo.posterUrl && <img class="thumb" src={message.sharedVideo.posterUrl} alt="" width="48" height="64" loading="lazy" />}
          <span>Shared video: “{message.sharedVideo.prompt}”</span>
        </a>
      )}
      {message.sharedVideoUnavailable && <p class="muted">A shared video is unavailable (withdrawn, removed, or not visible to you).</p>}
      {mine && readers.length > 0 && (
        <div class="muted">
          <span aria-hidden="true">✓ </span>Read by {readers.map((a) => `@${a.handle}`).join(', ')}
        </div>
      )}
    </li>
  );
}

function Composer({ conversationId, disabled, onSent }) {
  const [text, setText] = useState('');
  const [video, setVideo] = useState('');
  const attempt = useRef(null);
  const send = useAction(async () => {
    const body = text.trim();
    const sharedVideoId = videoIdFrom(video);
    if (!body && !sharedVideoId) throw new ApiError('Write something, or name a video to share.', 'BAD_USER_INPUT', 'text');
    attempt.current ??= requestId();
    let payload;
    try {
      payload = await mutate(SEND_MESSAGE, { input: { conversationId, text: body || null, sharedVideoId, clientRequestId: attempt.current } }, 'sendMessage');
    } catch (e) {
      if (!unanswered(e)) attempt.current = null;
      throw e;
    }
    attempt.current = null;
    setText('');
    setVideo('');
    if (payload.message) onSent(payload.message);
  });
  const edited = (set) => (e) => {
    attempt.current = null;
    set(e.currentTarget.value);
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send.run();
      }}
    >
      <Field label="Message" hint="Ctrl+Enter or ⌘+Enter sends.">
        {(a) => (
          <textarea
            {...a}
            maxLength={2000}
            value={text}
            disabled={disabled}
            onInput={edited(setText)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                send.run();
              }
            }}
          />
        )}
      </Field>
      <details>
        <summary>Share a video</summary>
        <Field label="Video id or link">
          {(a) => <input {...a} value={video} disabled={disabled} autocomplete="off" spellcheck={false} onInput={edited(setVideo)} />}
        </Field>
      </details>
      <ErrorNote error={explain(send.error)} />
      <button type="submit" class="primary" disabled={disabled || send.busy}>
        {send.busy ? 'Sending…' : 'Send'}
      </button>
    </form>
  );
}

function ConfirmButton({ label, question, explanation, confirm, onConfirm }) {
  const [open, setOpen] = useState(false);
  const act = useAction(async () => {
    await onConfirm();
    setOpen(false);
  });
  return (
    <>
      <button type="button" class="danger" onClick={() => setOpen(true)}>
        {label}
      </button>
      <Dialog title={question} open={open} onClose={() => setOpen(false)}>
        <p>{explanation}</p>
        <ErrorNote error={act.error} />
        <div class="row">
          <button type="button" class="danger" onClick={() => act.run()} disabled={act.busy}>
            {act.busy ? 'Working…' : confirm}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </div>
      </Dialog>
    </>
  );
}

function ConversationView({ id, me }) {
  const [messages, setMessages] = useState([]); // newest first, as the server pages them
  const [pageInfo, setPageInfo] = useState(null);
  const [announce, setAnnounce] = useState('');
  const [liveError, setLiveError] = useState(null);
  const [readError, setReadError] = useState(null);
  const end = useRef(null);
  const follow = useRef(true); // scroll to the newest only when it arrives, not when older pages load
  const marked = useRef(null);
  const load = useLoad(async () => (await gql(CONVERSATION, { id, first: MESSAGE_PAGE })).conversation, [id]);
  const conversation = load.data;

  useEffect(() => {
    if (!conversation) return;
    follow.current = true;
    marked.current = conversation.readUpTo;
    setMessages(conversation.messages.edges.map((e) => e.node));
    setPageInfo(conversation.messages.pageInfo);
  }, [conversation]);

  const add = (message) => {
    follow.current = true;
    setMessages((list) => (list.some((m) => m.id === message.id) ? list.map((m) => (m.id === message.id ? message : m)) : [message, ...list]));
  };

  const reload = useRef(load.reload);
  reload.current = load.reload;
  useEffect(
    () =>
      subscribe(
        MESSAGE_ADDED,
        { conversationId: id },
        ({ messageAdded }) => {
          setLiveError(null);
          // No message: it is no longer ours to see (we left, or the conversation was deleted); the reload says which.
          if (!messageAdded.message) return reload.current();
          add(messageAdded.message);
          if (messageAdded.message.sender?.id !== session.get()?.id)
            setAnnounce(`New message from ${messageAdded.message.sender ? `@${messageAdded.message.sender.handle}` : 'someone'}.`);
        },
        setLiveError,
      ),
    [id],
  );

  // Read receipts: mark the newest message once it is on a visible screen, and again as newer ones arrive.
  const newest = messages[0]?.id;
  useEffect(() => {
    if (!newest || !conversation || conversation.isRequest) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || marked.current === newest) return;
      marked.current = newest;
      mutate(MARK_READ, { input: { conversationId: id, messageId: newest } }, 'markConversationRead').then(
        () => setReadError(null),
        (e) => {
          marked.current = null;
          setReadError(e);
        },
      );
    };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [newest, conversation]);

  useEffect(() => {
    if (follow.current) end.current?.scrollIntoView({ block: 'end' });
  }, [newest]);

  const earlier = useAction(async () => {
    follow.current = false;
    const page = (await gql(CONVERSATION, { id, first: MESSAGE_PAGE, after: pageInfo.endCursor })).conversation.messages;
    setMessages((list) => [...list, ...page.edges.map((e) => e.node).filter((n) => !list.some((m) => m.id === n.id))]);
    setPageInfo(page.pageInfo);
  });

  if (load.error?.code === 'NOT_FOUND')
    return (
      <>
        <p>This conversation is not available: it was deleted, you left it, or it is not yours.</p>
        <a href={href('/messages')}>All conversations</a>
      </>
    );
  if (load.loading && !conversation) return <Loading label="Loading the conversation…" />;
  if (!conversation) return <ErrorNote error={load.error} />;

  const mayDelete = !conversation.isGroup || conversation.startedBy?.id === me?.id;
  const starter = conversation.startedBy ? `@${conversation.startedBy.handle}` : 'Someone';
  return (
    <>
      <div class="row">
        <h2 class="grow">{title(conversation, me)}</h2>
        {conversation.isGroup && (
          <ConfirmButton
            label="Leave group"
            question="Leave this group?"
            explanation="You stop receiving its messages. If you are the last member, the group is deleted."
            confirm="Yes, leave"
            onConfirm={async () => {
              await mutate(LEAVE, { input: { conversationId: id } }, 'leaveConversation');
              navigate('/messages');
            }}
          />
        )}
        {mayDelete && (
          <ConfirmButton
            label="Delete conversation"
            question="Delete this conversation?"
            explanation="It is deleted for everyone in it and its key destroyed: no message of it can be read again, by anyone."
            confirm="Yes, delete it"
            onConfirm={async () => {
              await mutate(DELETE, { input: { conversationId: id } }, 'deleteConversation');
              navigate('/messages');
            }}
          />
        )}
      </div>
      {conversation.isGroup && <p class="muted">{conversation.members.length} members · started by {starter}</p>}
      <ErrorNote error={load.error} />
      <ErrorNote error={liveError} />
      <ErrorNote error={readError} />
      <Status>{announce}</Status>

      {pageInfo?.hasNextPage && (
        <button type="button" onClick={() => earlier.run()} disabled={earlier.busy}>
          {earlier.busy ? 'Loading…' : 'Load earlier messages'}
        </button>
      )}
      <ErrorNote error={earlier.error} />
      {messages.length === 0 ? (
        <p class="muted">No messages yet. Say hello below.</p>
      ) : (
        <ol class="plain messages" aria-label="Messages, oldest first">
          {[...messages].reverse().map((m) => (
            <MessageItem key={m.id} message={m} me={me} />
          ))}
        </ol>
      )}
      <div ref={end} />

      {conversation.isRequest ? (
        <section class="card" aria-label="Message request">
          <p>{starter} wants to message you. Accept to reply; decline and they can send nothing more here.</p>
          <RequestAnswer conversation={conversation} onDone={(accepted) => (accepted ? load.reload() : navigate('/messages'))} />
        </section>
      ) : (
        <>
          {conversation.awaitingAcceptance && <p class="card">… Waiting for them to accept your message request. You can send nothing more until they do.</p>}
          {conversation.declined && <p class="card">✕ Your message request was declined: nothing more can be sent here.</p>}
          <Composer conversationId={id} disabled={conversation.awaitingAcceptance || conversation.declined} onSent={add} />
        </>
      )}
    </>
  );
}

export function MessagesScreen({ conversationId }) {
  const me = useValue(session);
  const [tab, setTab] = useState('conversations');
  if (conversationId)
    return (
      <Screen title="Conversation">
        <p>
          <a href={href('/messages')}>← All conversations</a>
        </p>
        <ConversationView key={conversationId} id={conversationId} me={me} />
      </Screen>
    );
  return (
    <Screen title="Messages">
      <Segmented
        label="Show"
        value={tab}
        onChange={setTab}
        options={[
          { value: 'conversations', label: 'Conversations' },
          { value: 'requests', label: 'Requests' },
        ]}
      />
      <ConversationList key={tab} requests={tab === 'requests'} me={me} />
      {tab === 'conversations' && <StartForm />}
    </Screen>
  );
}
