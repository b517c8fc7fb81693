// The shell: who is signed in, the navigation, and which screen the hash route names.
import { session, signOut, hasRole } from './api/client.js';
import { route, href } from './api/router.js';
import { useValue } from './api/signal.js';
import { SignInScreen } from './Accounts/SignInScreen.jsx';
import { FeedScreen } from './Feed/FeedScreen.jsx';
import { CreateScreen } from './Generations/CreateScreen.jsx';
import { MyVideosScreen } from './Generations/MyVideosScreen.jsx';
import { CameoScreen } from './Cameos/CameoScreen.jsx';
import { AuditScreen } from './Cameos/AuditScreen.jsx';
import { ProvenanceScreen } from './Provenance/ProvenanceScreen.jsx';
import { ModerationScreen } from './Moderation/ModerationScreen.jsx';
import { FamilyScreen } from './Parental/FamilyScreen.jsx';
import { MessagesScreen } from './Messaging/MessagesScreen.jsx';

function screenFor(current, signedIn) {
  const [first, second] = current.parts;
  // The feed, search and a video's provenance are open to everyone; everything else needs an account.
  if (first === 'videos' && second) return <ProvenanceScreen videoId={second} />;
  // Search is open to everyone; the other feeds are personal, so a visitor signs in first.
  if (!signedIn) return first === 'search' ? <FeedScreen initialTab="SEARCH" /> : <SignInScreen />;
  switch (first) {
    case 'search':
      return <FeedScreen initialTab="SEARCH" />;
    case 'create':
      return <CreateScreen remixOf={current.params.get('remix')} />;
    case 'mine':
      return <MyVideosScreen />;
    case 'cameo':
      return <CameoScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'moderation':
      return <ModerationScreen />;
    case 'family':
      return <FamilyScreen />;
    case 'messages':
      return <MessagesScreen conversationId={second} />;
    default:
      return <FeedScreen initialTab="FOR_YOU" />;
  }
}

function NavLink({ to, current, children }) {
  const active = current.parts[0] === to.replace(/^\//, '').split('/')[0];
  return (
    <a href={href(to)} aria-current={active ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function App() {
  const current = useValue(route);
  const me = useValue(session);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href('/feed')}>
          Sora
        </a>
        <nav aria-label="Main">
          <NavLink to="/feed" current={current}>Feed</NavLink>
          <NavLink to="/search" current={current}>Search</NavLink>
          {me && <NavLink to="/create" current={current}>Create</NavLink>}
          {me && <NavLink to="/mine" current={current}>My videos</NavLink>}
          {me && <NavLink to="/cameo" current={current}>My cameo</NavLink>}
          {me && <NavLink to="/messages" current={current}>Messages</NavLink>}
          {me && <NavLink to="/family" current={current}>Family</NavLink>}
          {me && (hasRole('MODERATOR') || hasRole('ADMIN')) && <NavLink to="/moderation" current={current}>Moderation</NavLink>}
          {me && hasRole('AUDITOR') && <NavLink to="/audit" current={current}>Audit</NavLink>}
        </nav>
        <div class="who">
          {me ? (
            <>
              <span>@{me.handle}</span>
              <button type="button" onClick={() => { signOut(); location.hash = '/signin'; }}>Sign out</button>
            </>
          ) : (
            <a href={href('/signin')}>Sign in</a>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {/* Keyed by the route's first part, so moving between feed and search starts the screen afresh. */}
        <div key={current.parts[0] ?? 'feed'}>{screenFor(current, !!me)}</div>
      </main>
    </>
  );
}
